package fr.hygie.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of a request to its controller method, with an index of the mappings by the shape of their
 * paths. For a path that is no mapping's literal path ({@code /pro/patients/{id}}), Spring MVC tries every one of the
 * application's ~200 mappings with all its conditions (method, headers, patterns…): ~7 % of the server's CPU on a
 * record read in session 6, still 5.5 % of the request threads in session 10 after session 6's first-segment shortcut
 * (docs/benchmarks.md « Session 10 — the request's path outside our code »).
 *
 * <p>Here each pattern made only of literal segments and segments with variables
 * ({@code /pro/patients/{id}/documents/{doc}}, {@code /rendez-vous/{id}.ics}) is indexed by its first segment and its
 * number of segments; a path then meets only the mappings of its own first
 * segment and length (and those whose patterns this index cannot read: {@code **}, {@code *}, {@code ?}, regular
 * expressions…, which are always tried), and each is tried with Spring's full conditions only when its literal
 * segments equal the path's (decoded, as {@link PathPattern} compares them). A pattern of n such segments matches only
 * a path of n non-empty segments with the same literals, so no mapping that Spring would have matched is left out, and
 * the best match is chosen among the matches exactly as Spring chooses it (same comparator, same ambiguity error, same
 * request attributes). Everything this index does not describe goes to Spring's own lookup unchanged: a path that is a
 * mapping's literal path (Spring's direct lookup), a CORS pre-flight request, a path with an empty segment or a
 * trailing slash, mappings registered after start-up.
 */
final class FirstSegmentHandlerMapping extends RequestMappingHandlerMapping {

    private volatile Index index;

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        index = getPatternParser() != null && getPatternParser().isCaseSensitive() ? Index.of(handlerMethods, this) : null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        index = null; // a mapping added at run time: Spring's own lookup from now on
        super.registerMapping(mapping, handler, method);
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        index = null;
        super.unregisterMapping(mapping);
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Index idx = index;
        if (idx == null || idx.directPaths.contains(lookupPath) || CorsUtils.isPreFlightRequest(request)
                || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        String[] segments = segments(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
        if (segments == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Candidate[] candidates = idx.candidates(segments);
        List<Matched> matches = new ArrayList<>(2);
        for (Candidate candidate : candidates) {
            if (candidate.mayMatch(segments)) {
                RequestMappingInfo matched = getMatchingMapping(candidate.info, request);
                if (matched != null) {
                    matches.add(new Matched(matched, candidate.handlerMethod));
                }
            }
        }
        if (matches.isEmpty()) {
            return handleNoMatch(idx.all, lookupPath, request);
        }
        Matched best = matches.get(0);
        if (matches.size() > 1) {
            Comparator<RequestMappingInfo> order = getMappingComparator(request);
            matches.sort((a, b) -> order.compare(a.info, b.info));
            best = matches.get(0);
            Matched second = matches.get(1);
            if (order.compare(best.info, second.info) == 0) {
                throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI()
                        + "': {" + best.handlerMethod.getMethod() + ", " + second.handlerMethod.getMethod() + "}");
            }
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, best.handlerMethod);
        handleMatch(best.info, lookupPath, request);
        return best.handlerMethod;
    }

    /** Spring's own lookup, over every mapping, for a test that compares it with the index's. */
    HandlerMethod lookupBySpring(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** Mappings the index sends a path to with Spring's full conditions, for a test. */
    List<RequestMappingInfo> candidatesFor(PathContainer path) {
        String[] segments = segments(path);
        Index idx = index;
        return idx == null || segments == null ? null
                : java.util.Arrays.stream(idx.candidates(segments)).filter(c -> c.mayMatch(segments)).map(c -> c.info).toList();
    }

    /** Number of mappings, for a test. */
    int mappingCount() {
        Index idx = index;
        return idx == null ? -1 : idx.all.size();
    }

    private record Matched(RequestMappingInfo info, HandlerMethod handlerMethod) {
    }

    /**
     * The path's segments as patterns match them (decoded, without path parameters), or null when the path has an
     * empty segment or a trailing slash (left to Spring's own lookup). "/" has no segment.
     */
    static String[] segments(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        int n = elements.size();
        if (n == 0 || !(elements.get(0) instanceof PathContainer.Separator)) {
            return null;
        }
        if (n == 1) {
            return new String[0];
        }
        if (n % 2 != 0) {
            return null; // ends with a separator: trailing slash, or an empty segment
        }
        String[] out = new String[n / 2];
        for (int i = 1; i < n; i += 2) {
            if (!(elements.get(i) instanceof PathContainer.PathSegment segment) || segment.value().isEmpty()
                    || !(elements.get(i - 1) instanceof PathContainer.Separator)) {
                return null;
            }
            out[i / 2] = segment.valueToMatch();
        }
        return out;
    }

    /**
     * The literal segments of a pattern made only of literal segments and segments with variables ({@code {id}}), one
     * entry per segment (null for a variable); null when the pattern is anything else (then always tried).
     */
    static String[] shape(String pattern) {
        if (pattern.equals("/")) {
            return new String[0];
        }
        if (!pattern.startsWith("/") || pattern.endsWith("/") || pattern.contains("//")) {
            return null;
        }
        for (char c : new char[] {'*', '?', ':', ';', '%', '\\'}) {
            if (pattern.indexOf(c) >= 0) {
                return null;
            }
        }
        String[] parts = pattern.substring(1).split("/", -1);
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            // A segment with a variable ("{id}", "{token}.ics") matches one whole segment of the path, whatever its
            // text: no literal to compare here (regular expressions, "{*rest}" and "**" were left out above).
            out[i] = part.indexOf('{') >= 0 || part.indexOf('}') >= 0 ? null : part;
        }
        return out;
    }

    /** A mapping and the shapes of its patterns (null: always tried). */
    private record Candidate(RequestMappingInfo info, HandlerMethod handlerMethod, List<String[]> shapes) {
        boolean mayMatch(String[] segments) {
            if (shapes == null) {
                return true;
            }
            for (String[] shape : shapes) {
                if (fits(shape, segments)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean fits(String[] shape, String[] segments) {
            if (shape.length != segments.length) {
                return false;
            }
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] != null && !shape[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The mappings by (first segment, number of segments); built once, after the mappings are registered. */
    private static final class Index {
        final Set<String> directPaths = new java.util.HashSet<>();
        final Set<RequestMappingInfo> all;
        /** length, then first segment: literal-first shapes of that key, variable-first shapes of that length, the unreadable. */
        final Map<Integer, Map<String, Candidate[]>> byKey = new HashMap<>();
        /** key length: variable-first shapes of that length and the unreadable. */
        final Map<Integer, Candidate[]> byLength = new HashMap<>();
        final Candidate[] unreadable;

        private Index(Map<RequestMappingInfo, HandlerMethod> handlerMethods, FirstSegmentHandlerMapping mapping) {
            all = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(handlerMethods.keySet()));
            List<Candidate> anyShape = new ArrayList<>();
            Map<Integer, Map<String, List<Candidate>>> literalFirst = new HashMap<>();
            Map<Integer, List<Candidate>> variableFirst = new HashMap<>();
            handlerMethods.forEach((info, handlerMethod) -> {
                directPaths.addAll(mapping.getDirectPaths(info));
                List<String[]> shapes = shapesOf(info);
                if (shapes == null) {
                    anyShape.add(new Candidate(info, handlerMethod, null));
                    return;
                }
                Map<Integer, Map<String, List<String[]>>> literalKeys = new HashMap<>();
                Map<Integer, List<String[]>> variableKeys = new HashMap<>();
                for (String[] shape : shapes) {
                    if (shape.length > 0 && shape[0] != null) {
                        literalKeys.computeIfAbsent(shape.length, k -> new HashMap<>())
                                .computeIfAbsent(shape[0], k -> new ArrayList<>()).add(shape);
                    } else {
                        variableKeys.computeIfAbsent(shape.length, k -> new ArrayList<>()).add(shape);
                    }
                }
                literalKeys.forEach((length, byFirst) -> byFirst.forEach((first, s) -> literalFirst
                        .computeIfAbsent(length, k -> new HashMap<>()).computeIfAbsent(first, k -> new ArrayList<>())
                        .add(new Candidate(info, handlerMethod, List.copyOf(s)))));
                variableKeys.forEach((length, s) -> variableFirst.computeIfAbsent(length, k -> new ArrayList<>())
                        .add(new Candidate(info, handlerMethod, List.copyOf(s))));
            });
            unreadable = anyShape.toArray(Candidate[]::new);
            literalFirst.forEach((length, byFirst) -> byFirst.forEach((first, list) -> {
                List<Candidate> merged = new ArrayList<>(list);
                merged.addAll(variableFirst.getOrDefault(length, List.of()));
                merged.addAll(anyShape);
                byKey.computeIfAbsent(length, k -> new HashMap<>()).put(first, merged.toArray(Candidate[]::new));
            }));
            variableFirst.forEach((length, list) -> {
                List<Candidate> merged = new ArrayList<>(list);
                merged.addAll(anyShape);
                byLength.put(length, merged.toArray(Candidate[]::new));
            });
        }

        static Index of(Map<RequestMappingInfo, HandlerMethod> handlerMethods, FirstSegmentHandlerMapping mapping) {
            return new Index(handlerMethods, mapping);
        }

        Candidate[] candidates(String[] segments) {
            Map<String, Candidate[]> ofLength = segments.length > 0 ? byKey.get(segments.length) : null;
            Candidate[] list = ofLength != null ? ofLength.get(segments[0]) : null;
            if (list == null) {
                list = byLength.get(segments.length);
            }
            return list != null ? list : unreadable;
        }

        /** The shapes of every pattern of the mapping, or null if one of them is not readable (or it has none). */
        private static List<String[]> shapesOf(RequestMappingInfo info) {
            if (info.getPathPatternsCondition() == null) {
                return null;
            }
            Set<PathPattern> patterns = info.getPathPatternsCondition().getPatterns();
            if (patterns.isEmpty()) {
                return null;
            }
            List<String[]> shapes = new ArrayList<>();
            for (PathPattern pattern : patterns) {
                String[] shape = shape(pattern.getPatternString());
                if (shape == null) {
                    return null;
                }
                shapes.add(shape);
            }
            return shapes;
        }
    }
}
