package fr.hygie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** One Flyway folder per module: a version used twice would stop every start; say which files collide. */
class MigrationVersionsTest {

    @Test
    void everyMigrationVersionIsUniqueAcrossModules() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/V*__*.sql");
        Map<String, Long> versions = Arrays.stream(files).map(Resource::getFilename)
                .map(n -> n.substring(1, n.indexOf("__")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(versions).isNotEmpty();
        assertThat(versions.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)).isEmpty();
    }
}
