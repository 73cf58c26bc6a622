package fr.hygie.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of a request to its controller method, with a shortcut: a URL with variables
 * ({@code /pro/patients/{id}}) is tried against every one of the application's ~200 mappings, each with its full
 * conditions (~7 % of the server's CPU on a record read, docs/benchmarks.md « Session 6 — record read »). A mapping
 * whose patterns all begin with a literal segment ({@code /pro/…}) cannot match a path whose first segment is
 * another one: it is skipped before its conditions are evaluated. Every other mapping is matched exactly as before,
 * so the chosen method is the same.
 */
final class FirstSegmentHandlerMapping extends RequestMappingHandlerMapping {

    /**
     * The literal first segments of a mapping's patterns; empty when one pattern may begin with anything. Keyed by the
     * registered mapping itself (identity): a {@code RequestMappingInfo}'s own {@code equals} compares all its
     * conditions, and this map is read for every mapping at every request (session 7, docs/benchmarks.md « Session 7 —
     * HTTP stack »). Copied on write: the mappings are all met in the first requests, then it is only read.
     */
    private static final int MAX_REMEMBERED = 10_000;

    private volatile Map<RequestMappingInfo, Set<String>> firstSegments = new IdentityHashMap<>();

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        Set<String> literal = firstSegments.get(info);
        if (literal == null) {
            literal = remember(info);
        }
        if (!literal.isEmpty()) {
            Lookup lookup = LOOKUP.get();
            String first = lookup != null && lookup.request == request ? lookup.firstSegment : firstSegment(request);
            if (first != null && !literal.contains(first)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    /**
     * The request's first segment is read once per lookup, not once per mapping tried (~200): reading it went through
     * the request's attributes, across every wrapper of the filter chain, twice per mapping (session 7).
     */
    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Lookup previous = LOOKUP.get();
        LOOKUP.set(new Lookup(request, firstSegment(request)));
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            if (previous == null) {
                LOOKUP.remove();
            } else {
                LOOKUP.set(previous);
            }
        }
    }

    /** The lookup in progress on this thread: its request and that request's first segment (null: no shortcut). */
    private record Lookup(HttpServletRequest request, String firstSegment) {
    }

    private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

    private static String firstSegment(HttpServletRequest request) {
        return ServletRequestPathUtils.hasParsedRequestPath(request)
                ? firstSegment(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication())
                : null;
    }

    private synchronized Set<String> remember(RequestMappingInfo info) {
        Set<String> known = firstSegments.get(info);
        if (known != null) {
            return known;
        }
        Set<String> literal = literalFirstSegments(info);
        if (firstSegments.size() >= MAX_REMEMBERED) {
            return literal; // only registered mappings are ever passed here; a bound all the same
        }
        Map<RequestMappingInfo, Set<String>> copy = new IdentityHashMap<>(firstSegments);
        copy.put(info, literal);
        firstSegments = copy;
        return literal;
    }

    /** The first segment's decoded value (as the patterns match it), or null for "/" or an empty path. */
    private static String firstSegment(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        for (PathContainer.Element e : elements) {
            if (e instanceof PathContainer.PathSegment segment) {
                return segment.valueToMatch();
            }
        }
        return null;
    }

    private static Set<String> literalFirstSegments(RequestMappingInfo info) {
        if (info.getPathPatternsCondition() == null) {
            return Set.of();
        }
        Set<PathPattern> patterns = info.getPathPatternsCondition().getPatterns();
        Set<String> out = new java.util.HashSet<>();
        for (PathPattern pattern : patterns) {
            String text = pattern.getPatternString();
            if (!text.startsWith("/") || text.length() < 2) {
                return Set.of();
            }
            int end = text.indexOf('/', 1);
            String first = end < 0 ? text.substring(1) : text.substring(1, end);
            if (first.isEmpty() || first.chars().anyMatch(c -> c == '{' || c == '*' || c == '?' || c == '%' || c == ';')) {
                return Set.of();
            }
            out.add(first);
        }
        return out.isEmpty() ? Set.of() : Set.copyOf(out);
    }
}
