package fr.hygie.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One page of a search whose results were already filtered for the reader: {@code total} is the exact
 * number of visible results. HAPI builds {@code next}/{@code previous} links from the request's own
 * parameters plus {@code _offset}/{@code _count}, never from result ids.
 */
final class Pages {

    static final int MAX_PAGE_SIZE = 100;

    private Pages() {
    }

    static int offset(Integer offset) {
        return offset == null || offset < 0 ? 0 : offset;
    }

    static int size(Integer count) {
        return count == null ? HygieFhirServer.DEFAULT_PAGE_SIZE : Math.max(0, Math.min(count, MAX_PAGE_SIZE));
    }

    /** Maps only the page's items (mapping may cost a query each). */
    static <T> IBundleProvider of(List<T> visible, Integer offset, Integer count, Function<T, ? extends IBaseResource> map) {
        int from = Math.min(offset(offset), visible.size());
        int size = size(count);
        List<IBaseResource> page = visible.subList(from, Math.min(visible.size(), from + size)).stream()
                .<IBaseResource>map(map).toList();
        return of(page, visible.size(), from, size);
    }

    /** A page already cut by the store, with the exact total of the reader's visible results. */
    static IBundleProvider of(List<? extends IBaseResource> page, long total, int offset, int size) {
        SimpleBundleProvider p = new SimpleBundleProvider(page);
        p.setSize((int) total);
        p.setCurrentPageOffset(offset);
        p.setCurrentPageSize(size);
        return p;
    }
}
