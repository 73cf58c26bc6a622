package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchematicMapTest {

    final Geography geography = new Geography();
    final SchematicMap map = new SchematicMap(geography);

    @Test
    void everyDepartementIsDrawnOnceInsideTheFrame() {
        List<SchematicMap.Area> areas = map.areas();
        assertThat(areas).hasSize(101);
        assertThat(areas).extracting(SchematicMap.Area::code).doesNotHaveDuplicates()
                .containsAll(geography.departements().stream().map(Territory::code).toList());
        Pattern number = Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)");
        for (SchematicMap.Area a : areas) {
            Matcher m = number.matcher(a.path());
            int points = 0;
            while (m.find()) {
                double x = Double.parseDouble(m.group(1));
                double y = Double.parseDouble(m.group(2));
                assertThat(x).as(a.code()).isBetween(0.0, SchematicMap.WIDTH);
                assertThat(y).as(a.code()).isBetween(0.0, SchematicMap.HEIGHT);
                points++;
            }
            assertThat(points).as("points of %s", a.code()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theCellsTileTheOutlineWithoutOverlap() {
        double outline = Math.abs(SchematicMap.signedArea(project(SchematicMap.FRANCE)));
        double cells = 0;
        for (SchematicMap.Area a : map.areas()) {
            if (a.code().length() == 2 && !a.code().startsWith("2A") && !a.code().startsWith("2B")) {
                cells += Math.abs(SchematicMap.signedArea(parse(a.path())));
            }
        }
        // Voronoi cells partition the plane: their parts inside the outline add up to it (rounding to 0.1 unit aside).
        assertThat(cells / outline).isBetween(0.99, 1.01);
    }

    @Test
    void everyRegionHasAnOutlineAndInnerBordersAreNotPartOfIt() {
        assertThat(map.regionBorders()).hasSize(18).allSatisfy((code, d) -> assertThat(d).as(code).startsWith("M"));
        // Île-de-France (8 départements) has fewer outline segments than the sum of its cells' edges
        long outline = map.regionBorders().get("11").chars().filter(c -> c == 'M').count();
        long edges = map.areas().stream().filter(a -> a.regionCode().equals("11")).mapToLong(a -> a.path().chars().filter(c -> c == 'L').count() + 1).sum();
        assertThat(outline).isLessThan(edges);
    }

    @Test
    void departementsAreInTheirRegionAndParisIsInIleDeFrance() {
        assertThat(geography.find(TerritoryLevel.DEPARTEMENT, "75").orElseThrow().parentCode()).isEqualTo("11");
        assertThat(geography.departementOfCommune("2A004").orElseThrow().code()).isEqualTo("2A");
        assertThat(geography.departementOfCommune("97411").orElseThrow().parentCode()).isEqualTo("04");
        assertThat(geography.regions()).hasSize(18);
    }

    private static List<double[]> project(double[][] outline) {
        return java.util.Arrays.stream(outline).map(p -> SchematicMap.project(p[0], p[1])).toList();
    }

    private static List<double[]> parse(String path) {
        Matcher m = Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)").matcher(path);
        List<double[]> points = new java.util.ArrayList<>();
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return points;
    }
}
