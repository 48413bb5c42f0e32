package org.fangkong.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.fangkong.platform.errors.InvalidArgumentException;

/**
 * Keyset paging shared by every list method: the page token is the opaque sort key of the last item returned, so a
 * page never skips or repeats items when rows are added between calls.
 *
 * <pre>{@code
 * Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), 100, 1000);
 * ... "where call_sign > :after order by call_sign" with limit page.fetchSize() ...
 * }</pre>
 */
public final class Paging {

    private Paging() {
    }

    /** A validated page request: {@code after} is the last key of the previous page ("" for the first page). */
    public record Page(int size, String after) {

        /** One more than the page size: an extra row tells whether a next page exists. */
        public int fetchSize() {
            return size + 1;
        }

        /** The token for the next page, or "" when {@code fetched} rows fit this page. */
        public String nextToken(int fetched, String lastKeyOnPage) {
            return fetched > size ? encode(lastKeyOnPage) : "";
        }

        /** This page of rows sorted by a unique key (a code), fetched after {@link #after()}, and the next token. */
        public <T> Slice<T> sliceByKey(java.util.List<T> fetched, java.util.function.Function<T, String> keyOf) {
            java.util.List<T> items = fetched.size() > size ? fetched.subList(0, size) : fetched;
            String next = items.isEmpty() ? "" : nextToken(fetched.size(), keyOf.apply(items.get(items.size() - 1)));
            return new Slice<>(java.util.List.copyOf(items), next);
        }

        /** The previous page's last (sort key, id), or null for the first page. */
        public Key afterKey() {
            if (after.isEmpty()) {
                return null;
            }
            int cut = after.lastIndexOf('\u0000');
            try {
                return new Key(after.substring(0, cut), java.util.UUID.fromString(after.substring(cut + 1)));
            } catch (RuntimeException e) {
                throw new InvalidArgumentException("page.page_token", "is not a token this list returned");
            }
        }

        /** This page of the fetched rows (sorted by sort key then id) and the token for the next. */
        public <T> Slice<T> slice(java.util.List<T> fetched, java.util.function.Function<T, String> sortKeyOf,
                java.util.function.Function<T, java.util.UUID> idOf) {
            java.util.List<T> items = fetched.size() > size ? fetched.subList(0, size) : fetched;
            if (items.isEmpty()) {
                return new Slice<>(java.util.List.of(), "");
            }
            T last = items.get(items.size() - 1);
            return new Slice<>(java.util.List.copyOf(items), nextToken(fetched.size(), sortKeyOf.apply(last) + '\u0000' + idOf.apply(last)));
        }
    }

    /** A position in a list sorted by a text key, ties broken by id. */
    public record Key(String sortKey, java.util.UUID id) {
    }

    /** One page of items and the token for the next ("" on the last page). */
    public record Slice<T>(java.util.List<T> items, String nextPageToken) {
    }

    public static Page of(int pageSize, String pageToken, int defaultSize, int maxSize) {
        if (pageSize < 0 || pageSize > maxSize) {
            throw new InvalidArgumentException("page.page_size", "must be between 1 and " + maxSize + " (0 for the default)");
        }
        return new Page(pageSize == 0 ? defaultSize : pageSize, decode(pageToken));
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("page.page_token", "is not a token this list returned");
        }
    }
}
