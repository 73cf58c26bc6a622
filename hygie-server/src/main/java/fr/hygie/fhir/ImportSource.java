package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;

/**
 * What {@link FhirImporter} imports from, read once per step of the import in the order references
 * need (directory, persons, agendas, the rest…): a step asks for the resources of its types only.
 * {@link Listed} holds resources already read (tests); {@link Ndjson} streams NDJSON files line by line and
 * {@link BundleFile} a JSON file (a Bundle, or one resource) entry by entry, so that an export of a whole population
 * (millions of lines, gigabytes with the documents' contents) or a large Bundle from another system is imported in
 * bounded memory (issue 4): no step holds a file.
 */
interface ImportSource {

    /** How many resources the source holds (lines or entries that named a type), for the progress bar. */
    long size();

    /**
     * Gives {@code sink} every resource whose type {@code wanted} accepts, in the source's order (files by
     * name, lines or entries in order). A line or entry that cannot be parsed is added to {@code rejected} with its
     * French reason, once over all steps.
     */
    void forEach(Predicate<String> wanted, List<String> rejected, Consumer<FhirImporter.Entry> sink);

    /** One line per file read, for the operator: its name, what it is and how many resources it holds. */
    default List<String> describe() {
        return List.of();
    }

    /**
     * What {@code ./hygie import PATH} reads, after the first pass over every file: a folder's {@code *.ndjson} files
     * (one {@link Ndjson} source), then its {@code *.json} files (one {@link BundleFile} each), by name; or one file
     * ({@code .ndjson}: lines; anything else: JSON). A file refused whole is in {@code rejected} and imports nothing.
     * {@code bytesRead} hears the bytes the first pass reads (the progress of reading).
     */
    static ImportSource open(FhirContext fhir, Path path, List<String> rejected, LongConsumer bytesRead) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(f -> Files.isRegularFile(f) && (isNdjson(f) || isJson(f))).sorted(Comparator.comparing(Path::toString))
                        .toList();
            }
        } else {
            files = List.of(path);
        }
        List<Path> lines = files.stream().filter(ImportSource::isNdjson).toList();
        List<ImportSource> sources = new ArrayList<>();
        Ndjson ndjson = Ndjson.survey(fhir, lines, rejected, bytesRead);
        if (Files.isDirectory(path) || !lines.isEmpty()) {
            sources.add(ndjson);
        }
        for (Path f : files) {
            if (!isNdjson(f)) {
                BundleFile bundle = BundleFile.survey(fhir, f, rejected, bytesRead);
                if (bundle != null) {
                    sources.add(bundle);
                }
            }
        }
        return sources.size() == 1 ? sources.get(0) : new Several(sources);
    }

    /** The bytes the first pass of {@link #open} will read (the files it will read), for its progress bar. */
    static long bytes(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        long total = 0;
        try (Stream<Path> s = Files.list(path)) {
            for (Path f : s.filter(f -> Files.isRegularFile(f) && (isNdjson(f) || isJson(f))).toList()) {
                total += Files.size(f);
            }
        }
        return total;
    }

    private static boolean isNdjson(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndjson");
    }

    private static boolean isJson(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** HAPI's JSON parser as the import uses it: unknown elements ignored (another system's extras), errors thrown. */
    static IParser lenientParser(FhirContext fhir) {
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }

    /** Several sources read one after the other (a folder of NDJSON files and Bundles). */
    record Several(List<ImportSource> sources) implements ImportSource {
        @Override
        public long size() {
            return sources.stream().mapToLong(ImportSource::size).sum();
        }

        @Override
        public void forEach(Predicate<String> wanted, List<String> rejected, Consumer<FhirImporter.Entry> sink) {
            sources.forEach(s -> s.forEach(wanted, rejected, sink));
        }

        @Override
        public List<String> describe() {
            return sources.stream().flatMap(s -> s.describe().stream()).toList();
        }
    }

    /** An input stream that tells how many bytes went through it (the first pass's progress). */
    final class Counted extends FilterInputStream {
        private final LongConsumer bytesRead;

        Counted(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead.accept(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                bytesRead.accept(skipped);
            }
            return skipped;
        }
    }

    /** Resources already in memory (tests, and {@link FhirImporter#read}: every resource held at once). */
    record Listed(List<FhirImporter.Entry> entries) implements ImportSource {
        @Override
        public long size() {
            return entries.size();
        }

        @Override
        public void forEach(Predicate<String> wanted, List<String> rejected, Consumer<FhirImporter.Entry> sink) {
            for (FhirImporter.Entry e : entries) {
                if (wanted.test(e.resource().fhirType())) {
                    sink.accept(e);
                }
            }
        }
    }

    /**
     * NDJSON files read as a stream. A first pass reads every line once to learn which types each file holds,
     * count them and report the lines that are not UTF-8 or not FHIR with their French reason; each step then reads
     * again only the files that hold its types and parses only its lines: one parsed resource at a time leaves the
     * reader.
     */
    final class Ndjson implements ImportSource {

        private static final String PREFIX = "{\"resourceType\":\"";

        private final FhirContext fhir;
        private final Map<Path, Set<String>> typesByFile;
        private final Map<Path, Long> counts;
        private final long size;

        private Ndjson(FhirContext fhir, Map<Path, Set<String>> typesByFile, Map<Path, Long> counts, long size) {
            this.fhir = fhir;
            this.typesByFile = typesByFile;
            this.counts = counts;
            this.size = size;
        }

        /** The first pass over {@code files} (NDJSON, in this order); {@code bytesRead} hears the bytes read. */
        static Ndjson survey(FhirContext fhir, List<Path> files, List<String> rejected, LongConsumer bytesRead) throws IOException {
            IParser parser = lenientParser(fhir);
            Map<Path, Set<String>> types = new LinkedHashMap<>();
            Map<Path, Long> counts = new LinkedHashMap<>();
            long size = 0;
            for (Path f : files) {
                Set<String> inFile = new HashSet<>();
                long inFileCount = 0;
                try (Lines in = new Lines(new Counted(Files.newInputStream(f), bytesRead))) {
                    int n = 0;
                    for (byte[] bytes = in.next(); bytes != null; bytes = in.next()) {
                        n++;
                        String line = utf8(bytes);
                        if (line == null) {
                            rejected.add(f.getFileName() + " ligne " + n + " : illisible (ce n'est pas du texte UTF-8)");
                            continue;
                        }
                        if (line.isBlank()) {
                            continue;
                        }
                        String type = declaredType(line);
                        if (type == null) {
                            // Not written the way Hygie writes it (resourceType first): parsed once here to learn its type.
                            try {
                                type = ((Resource) parser.parseResource(line)).fhirType();
                            } catch (RuntimeException e) {
                                rejected.add(f.getFileName() + " ligne " + n + " : illisible (" + e.getMessage() + ")");
                                continue;
                            }
                        }
                        inFile.add(type);
                        inFileCount++;
                    }
                }
                types.put(f, inFile);
                counts.put(f, inFileCount);
                size += inFileCount;
            }
            return new Ndjson(fhir, types, counts, size);
        }

        @Override
        public List<String> describe() {
            return counts.entrySet().stream().map(e -> e.getKey().getFileName() + " : NDJSON, " + e.getValue() + " ressource(s)").toList();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void forEach(Predicate<String> wanted, List<String> rejected, Consumer<FhirImporter.Entry> sink) {
            IParser parser = lenientParser(fhir);
            for (Map.Entry<Path, Set<String>> file : typesByFile.entrySet()) {
                if (file.getValue().stream().noneMatch(wanted)) {
                    continue;
                }
                Path f = file.getKey();
                try (Lines in = new Lines(Files.newInputStream(f))) {
                    int n = 0;
                    for (byte[] bytes = in.next(); bytes != null; bytes = in.next()) {
                        n++;
                        String line = utf8(bytes);
                        if (line == null || line.isBlank()) {
                            continue; // reported by the first pass
                        }
                        String declared = declaredType(line);
                        if (declared != null && !wanted.test(declared)) {
                            continue;
                        }
                        Resource r;
                        try {
                            r = (Resource) parser.parseResource(line);
                        } catch (RuntimeException e) {
                            // A line with a declared type is parsed by one step only: reported once. The others were
                            // parsed (and reported) by the first pass.
                            if (declared != null) {
                                rejected.add(f.getFileName() + " ligne " + n + " : illisible (" + e.getMessage() + ")");
                            }
                            continue;
                        }
                        if (declared != null && !declared.equals(r.fhirType())) {
                            // Two resourceType keys: the step of the first one read it, the parser kept another. Refused
                            // rather than imported under a type the first pass did not count.
                            rejected.add(f.getFileName() + " ligne " + n + " : illisible (type de ressource ambigu : " + declared
                                    + " ou " + r.fhirType() + ")");
                        } else if (wanted.test(r.fhirType())) {
                            sink.accept(new FhirImporter.Entry(r, null));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** The type a line written resourceType first declares (Hygie's export, most Bulk exports), without parsing it. */
        static String declaredType(String line) {
            if (!line.startsWith(PREFIX)) {
                return null;
            }
            int end = line.indexOf('"', PREFIX.length());
            if (end <= PREFIX.length()) {
                return null;
            }
            for (int i = PREFIX.length(); i < end; i++) {
                char c = line.charAt(i);
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    return null; // escaped or odd: the parser says what it is
                }
            }
            return line.substring(PREFIX.length(), end);
        }

        /** The line decoded strictly (finding of FhirImportFuzzTest: one bad byte must reject its line only), or null. */
        static String utf8(byte[] bytes) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                return decoder.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    /** Lines of bytes (without {@code \n} or {@code \r\n}) read through a 64 KB buffer; one line in memory at a time. */
    final class Lines implements Closeable {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int length;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end of the stream. */
        byte[] next() throws IOException {
            ByteArrayOutputStream spanning = null;
            while (true) {
                if (position == length) {
                    length = Math.max(0, in.read(buffer));
                    position = 0;
                    if (length == 0) {
                        return spanning == null ? null : withoutCr(spanning.toByteArray());
                    }
                }
                int start = position;
                while (position < length && buffer[position] != '\n') {
                    position++;
                }
                if (position < length) {
                    byte[] line;
                    if (spanning == null) {
                        line = Arrays.copyOfRange(buffer, start, position);
                    } else {
                        spanning.write(buffer, start, position - start);
                        line = spanning.toByteArray();
                    }
                    position++;
                    return withoutCr(line);
                }
                if (spanning == null) {
                    spanning = new ByteArrayOutputStream();
                }
                spanning.write(buffer, start, position - start);
            }
        }

        private static byte[] withoutCr(byte[] line) {
            return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
