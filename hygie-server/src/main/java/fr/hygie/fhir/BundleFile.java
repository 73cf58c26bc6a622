package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * A JSON file of FHIR R4 read as a stream (issue 4): a Bundle of type transaction, batch, collection or searchset
 * from Hygie or another system — its {@code entry} array walked with Jackson's streaming parser, each entry's
 * resource handed to HAPI's parser on its own, one at a time, so that a Bundle of any size is imported in bounded
 * memory — or a file holding one resource.
 *
 * <p>A first pass ({@link #survey}) reads the whole file once without building anything: it checks the structure
 * (JSON complete and well formed, no key twice, a FHIR resource at the root, a Bundle of an accepted type, every
 * entry an object holding a resource, a transaction or batch that only adds data) and notes the type of each entry.
 * A file that fails one of these checks is refused whole with its French reason before any step stores anything:
 * nothing of it is imported (docs/adr/0002). Each step of the import then reads the file again and parses only the
 * entries of its types. Content is judged resource by resource, as for NDJSON: an entry whose resource is not FHIR
 * R4 (unknown type, an element HAPI cannot read) or breaks a rule is listed with the file, the entry's number
 * (from 1, like lines) and its French reason; the others are imported.
 */
final class BundleFile implements ImportSource {

    /** The Bundle types the import accepts (Bundle.type): each is read as a set of resources to add. */
    static final Set<String> ACCEPTED = Set.of("transaction", "batch", "collection", "searchset");

    /** What an entry of a transaction or batch may ask for: to add (create or update) the resource it carries. */
    private static final Set<String> ADDING = Set.of("POST", "PUT");

    /**
     * One parser configuration for every file: a key twice (two resourceType, two entry arrays…) makes the JSON
     * ambiguous and the file refused; a string may be as long as the heap allows (a document's content inline in
     * base64, as an NDJSON line may be).
     */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();

    /** An entry the steps do not read: its resource was refused by the survey, or it is a search outcome. */
    private static final short SKIPPED = -1;

    private final FhirContext fhir;
    private final Path file;
    /** Bundle.type, or null when the file holds one resource that is not a Bundle. */
    private final String bundleType;
    /** The resource type of each entry (an index into {@link #typeNames}), or {@link #SKIPPED}. */
    private final short[] entryTypes;
    private final int entries;
    private final List<String> typeNames;
    private final long size;

    private BundleFile(FhirContext fhir, Path file, String bundleType, short[] entryTypes, int entries, List<String> typeNames, long size) {
        this.fhir = fhir;
        this.file = file;
        this.bundleType = bundleType;
        this.entryTypes = entryTypes;
        this.entries = entries;
        this.typeNames = typeNames;
        this.size = size;
    }

    /**
     * The first pass over {@code file}. Returns null when the file is refused (its reason added to {@code rejected});
     * otherwise the entries the survey refused alone are added to {@code rejected}. {@code bytesRead} hears the bytes
     * read, for the progress bar.
     */
    static BundleFile survey(FhirContext fhir, Path file, List<String> rejected, LongConsumer bytesRead) throws IOException {
        String name = file.getFileName().toString();
        Survey s = new Survey(fhir);
        try (InputStream in = new ImportSource.Counted(Files.newInputStream(file), bytesRead); JsonParser p = JSON.createParser(in)) {
            String refusal = s.read(p);
            if (refusal != null) {
                rejected.add(refused(name, refusal));
                return null;
            }
        } catch (JacksonException e) {
            rejected.add(refused(name, truncated(e, Files.size(file)) ? "le fichier s'arrête au milieu du JSON" + at(e.getLocation())
                    + " (fichier tronqué ?)" : "ce n'est pas du JSON valide" + at(e.getLocation()) + " (" + kind(e) + ")"));
            return null;
        }
        if (!"Bundle".equals(s.rootType)) {
            if (!s.known.contains(s.rootType)) {
                rejected.add(refused(name, "type de ressource inconnu en FHIR R4 (« " + shown(s.rootType) + " »)"));
                return null;
            }
            // One resource: imported as a one-line NDJSON file would be.
            return new BundleFile(fhir, file, null, new short[0], 0, List.of(s.rootType), 1);
        }
        String structural = s.structuralProblem();
        if (structural != null) {
            rejected.add(refused(name, structural));
            return null;
        }
        s.refusedEntries.forEach(r -> rejected.add(name + " " + r));
        return new BundleFile(fhir, file, s.bundleType, s.types, s.index, s.typeNames, s.counted);
    }

    /** How the summary says that a whole file is refused. */
    static final String REFUSED = " : fichier refusé, rien n'en est importé : ";

    private static String refused(String file, String reason) {
        return file + REFUSED + reason;
    }

    private static String at(TokenStreamLocation where) {
        return where == null || where.getLineNr() < 1 ? "" : ", vers la ligne " + where.getLineNr() + " colonne " + where.getColumnNr();
    }

    /**
     * Whether the JSON stops before its end: the parser says so in some cases only (a string cut short), in others it
     * says what it expected (a close marker, a property name) where the bytes end.
     */
    private static boolean truncated(JacksonException e, long size) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        TokenStreamLocation where = e.getLocation();
        return e instanceof UnexpectedEndOfInputException || m.contains("end-of-input")
                || where != null && where.getByteOffset() >= size;
    }

    /** What kind of JSON error, in French, without the parser's English message (which may quote the data). */
    private static String kind(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Duplicate Object property") || m.startsWith("Duplicate field") || m.contains("Duplicate")) {
            return "une clé apparaît deux fois dans le même objet";
        }
        if (e instanceof tools.jackson.core.exc.StreamConstraintsException) {
            return "au-delà des limites du lecteur JSON (imbrication trop profonde ?)";
        }
        if (m.contains("UTF")) {
            return "octets qui ne sont pas du texte UTF-8";
        }
        return "caractère inattendu";
    }

    /** A type name as the operator may read it: a short string of letters, or a mention that it is not one. */
    private static String shown(String type) {
        if (type == null) {
            return "absent";
        }
        return type.length() <= 64 && type.chars().allMatch(Character::isLetterOrDigit) ? type : "illisible";
    }

    /** The first pass's state: one scan of the tokens, nothing of the resources kept but their type. */
    private static final class Survey {
        /** The resource types FHIR R4 defines (HAPI builds the set on each call: asked once per file). */
        final Set<String> known;
        String rootType;
        String bundleType;
        boolean typeSeen;
        boolean entrySeen;
        String entryNotArray;
        int index;
        long counted;
        short[] types = new short[1024];
        final List<String> typeNames = new ArrayList<>();
        private final Map<String, Short> typeCodes = new HashMap<>();
        final List<String> refusedEntries = new ArrayList<>();
        /** The first entry that is not an object, has no resource, or asks for something other than adding. */
        int firstWithoutResource;
        int withoutResource;
        int firstNotAdding;
        String notAddingMethod;

        Survey(FhirContext fhir) {
            this.known = fhir.getResourceTypes();
        }

        /** Reads the file's tokens; returns a refusal found on the way (not JSON object at the root, content after it). */
        String read(JsonParser p) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return "le fichier est vide";
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                return "ce n'est pas une ressource FHIR en JSON (un objet {…} est attendu)";
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("resourceType".equals(field)) {
                    rootType = value == JsonToken.VALUE_STRING ? p.getString() : null;
                } else if ("type".equals(field)) {
                    typeSeen = true;
                    bundleType = value == JsonToken.VALUE_STRING ? p.getString() : null;
                } else if ("entry".equals(field)) {
                    entrySeen = true;
                    if (value == JsonToken.START_ARRAY) {
                        entries(p);
                    } else if (value != JsonToken.VALUE_NULL) {
                        entryNotArray = "Bundle.entry n'est pas un tableau";
                    }
                }
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                return "du contenu suit la fin de la ressource (une seule ressource JSON par fichier .json ; plusieurs : NDJSON)";
            }
            if (rootType == null) {
                return "pas de resourceType à la racine : ce n'est pas une ressource FHIR";
            }
            return null;
        }

        /** The entries of a Bundle: the type of each resource, what each asks for, nothing else. */
        private void entries(JsonParser p) {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                index++;
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    noResource();
                    note(SKIPPED);
                    continue;
                }
                boolean hasResource = false;
                String type = null;
                String method = null;
                String searchMode = null;
                for (JsonToken f = p.nextToken(); f == JsonToken.PROPERTY_NAME; f = p.nextToken()) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("resource".equals(field) && value == JsonToken.START_OBJECT) {
                        hasResource = true;
                        type = stringField(p, "resourceType");
                    } else if ("request".equals(field) && value == JsonToken.START_OBJECT) {
                        method = stringField(p, "method");
                    } else if ("search".equals(field) && value == JsonToken.START_OBJECT) {
                        searchMode = stringField(p, "mode");
                    } else {
                        p.skipChildren();
                    }
                }
                if (method != null && !ADDING.contains(method.toUpperCase(Locale.ROOT)) && firstNotAdding == 0) {
                    firstNotAdding = index;
                    notAddingMethod = method.length() <= 10 ? method : method.substring(0, 10);
                }
                if ("outcome".equals(searchMode)) {
                    // A searchset's OperationOutcome says how the search went: information, not data to import.
                    note(SKIPPED);
                } else if (!hasResource) {
                    noResource();
                    note(SKIPPED);
                } else if (type == null) {
                    refusedEntries.add("entrée " + index + " : illisible (ressource sans resourceType)");
                    note(SKIPPED);
                } else if (!known.contains(type)) {
                    refusedEntries.add("entrée " + index + " : illisible (type de ressource inconnu en FHIR R4 : « " + shown(type) + " »)");
                    note(SKIPPED);
                } else {
                    note(code(type));
                    counted++;
                }
            }
        }

        private void noResource() {
            withoutResource++;
            if (firstWithoutResource == 0) {
                firstWithoutResource = index;
            }
        }

        private short code(String type) {
            return typeCodes.computeIfAbsent(type, t -> {
                typeNames.add(t);
                return (short) (typeNames.size() - 1);
            });
        }

        private void note(short code) {
            if (index > types.length) {
                types = Arrays.copyOf(types, types.length * 2);
            }
            types[index - 1] = code;
        }

        /** Why a Bundle that is well-formed JSON cannot be imported, or null. */
        String structuralProblem() {
            if (!typeSeen || bundleType == null) {
                return "Bundle sans type (Bundle.type) : l'import accepte les Bundles transaction, batch, collection ou searchset";
            }
            if (!ACCEPTED.contains(bundleType)) {
                return "Bundle de type « " + shown(bundleType) + " » : l'import accepte les Bundles transaction, batch, collection"
                        + " ou searchset (un document, un message ou un historique ne sont pas des données à ajouter telles quelles)";
            }
            if (entryNotArray != null) {
                return entryNotArray;
            }
            if (withoutResource > 0) {
                return "entrée " + firstWithoutResource + " sans ressource (Bundle.entry.resource)"
                        + (withoutResource > 1 ? ", et " + (withoutResource - 1) + " autre(s)" : "")
                        + " : chaque entrée porte la ressource à importer";
            }
            if (firstNotAdding > 0 && ("transaction".equals(bundleType) || "batch".equals(bundleType))) {
                return "entrée " + firstNotAdding + " : requête « " + shown(notAddingMethod) + " » ; l'import ne fait qu'ajouter"
                        + " des données (POST ou PUT), il ne supprime, ne modifie en partie ni ne lit rien";
            }
            return null;
        }

        /** The value of a string field of the object the parser is at (its start), the rest skipped; ends on its end. */
        private static String stringField(JsonParser p, String wanted) {
            String found = null;
            for (JsonToken f = p.nextToken(); f == JsonToken.PROPERTY_NAME; f = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (wanted.equals(field) && value == JsonToken.VALUE_STRING) {
                    found = p.getString();
                } else {
                    p.skipChildren();
                }
            }
            return found;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<String> describe() {
        String name = file.getFileName().toString();
        return List.of(bundleType == null ? name + " : une ressource " + typeNames.get(0)
                : name + " : Bundle " + bundleType + ", " + entries + " entrée(s), " + size + " ressource(s) à importer");
    }

    @Override
    public void forEach(Predicate<String> wanted, List<String> rejected, Consumer<FhirImporter.Entry> sink) {
        if (typeNames.stream().noneMatch(wanted)) {
            return;
        }
        String name = file.getFileName().toString();
        IParser parser = ImportSource.lenientParser(fhir);
        if (bundleType == null) {
            Resource r;
            try (InputStream in = Files.newInputStream(file)) {
                r = (Resource) parser.parseResource(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                rejected.add(name + " : illisible (" + e.getMessage() + ")");
                return;
            }
            if (wanted.test(r.fhirType())) {
                r.setUserData(FhirImporter.WHERE, name);
                sink.accept(new FhirImporter.Entry(r, null));
            }
            return;
        }
        int index = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            p.nextToken();
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"entry".equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
                    index++;
                    short code = index <= entries ? entryTypes[index - 1] : SKIPPED;
                    if (code == SKIPPED || !wanted.test(typeNames.get(code))) {
                        p.skipChildren();
                        continue;
                    }
                    entry(p, parser, name, index, typeNames.get(code), rejected, sink);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            // The survey read this file whole: it changed since (another process writing it?).
            rejected.add(name + " : illisible à la relecture, après l'entrée " + index + " (fichier modifié pendant l'import ?)");
        }
    }

    /** One entry (the parser at its start): its resource copied out and parsed on its own, with its fullUrl. */
    private void entry(JsonParser p, IParser parser, String name, int index, String declared, List<String> rejected,
            Consumer<FhirImporter.Entry> sink) {
        String fullUrl = null;
        String json = null;
        for (JsonToken f = p.nextToken(); f == JsonToken.PROPERTY_NAME; f = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("fullUrl".equals(field) && value == JsonToken.VALUE_STRING) {
                fullUrl = p.getString().isBlank() ? null : p.getString();
            } else if ("resource".equals(field) && value == JsonToken.START_OBJECT) {
                StringWriter text = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(text)) {
                    // Exact: a decimal keeps its digits (FHIR decimals carry their precision, 14.50 is not 14.5).
                    g.copyCurrentStructureExact(p);
                }
                json = text.toString();
            } else {
                p.skipChildren();
            }
        }
        String where = name + ", entrée " + index;
        Resource r;
        try {
            r = (Resource) parser.parseResource(json);
        } catch (RuntimeException e) {
            rejected.add(name + " entrée " + index + " : illisible (" + e.getMessage() + ")");
            return;
        }
        if (!declared.equals(r.fhirType())) {
            rejected.add(name + " entrée " + index + " : illisible (type de ressource ambigu : " + declared + " ou " + r.fhirType() + ")");
            return;
        }
        if (fullUrl != null && !r.getIdElement().hasIdPart() && !fullUrl.startsWith("urn:")) {
            // As HAPI does when it reads a whole Bundle: a resource without id takes the one its RESTful fullUrl gives
            // (…/Patient/123), so that « Patient/123 » elsewhere in the data refers to it.
            IdType id = new IdType(fullUrl);
            if (r.fhirType().equals(id.getResourceType()) && id.hasIdPart()) {
                r.setId(id.getIdPart());
            }
        }
        r.setUserData(FhirImporter.WHERE, where);
        sink.accept(new FhirImporter.Entry(r, fullUrl));
    }
}
