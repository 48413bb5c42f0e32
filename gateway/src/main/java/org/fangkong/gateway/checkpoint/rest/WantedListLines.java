package org.fangkong.gateway.checkpoint.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.fangkong.gateway.api.ProtoJson;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.proto.checkpoints.v1.ImportMode;
import org.fangkong.proto.checkpoints.v1.NewWantedEntry;
import org.fangkong.proto.checkpoints.v1.WantedImportChunk;

/**
 * A wanted list sent as newline-delimited JSON (one entry per line), read as it arrives and cut into import chunks, so
 * a list of any length crosses the gateway in bounded memory. Reading blocks: iterate on a worker thread. A line that
 * is not an entry ends the stream; {@link #fault()} then says which, as {@code entries[N].field}.
 */
final class WantedListLines implements Iterable<WantedImportChunk> {

    private final BufferedReader reader;
    private final String source;
    private final ImportMode mode;
    private final int chunkSize;
    private int entries;
    private boolean first = true;
    private boolean ended;
    private volatile InvalidArgumentException fault;

    WantedListLines(InputStream body, String source, ImportMode mode, int chunkSize) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.source = source;
        this.mode = mode;
        this.chunkSize = chunkSize;
    }

    /** The line that ended the stream early, if one did. */
    InvalidArgumentException fault() {
        return fault;
    }

    @Override
    public Iterator<WantedImportChunk> iterator() {
        return new Iterator<>() {
            private WantedImportChunk next;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public WantedImportChunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                WantedImportChunk chunk = next;
                next = null;
                return chunk;
            }
        };
    }

    /** The next chunk; the first carries the source and mode and is sent even when the list is empty (a SYNC to nothing). */
    private WantedImportChunk read() {
        WantedImportChunk.Builder chunk = WantedImportChunk.newBuilder();
        if (first) {
            chunk.setSource(source).setMode(mode);
        }
        try {
            String line;
            while (chunk.getEntriesCount() < chunkSize && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    chunk.addEntries(entry(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the wanted list could not be read to its end", e);
        }
        if (chunk.getEntriesCount() < chunkSize) {
            ended = true;
        }
        if (chunk.getEntriesCount() == 0 && !first) {
            return null;
        }
        first = false;
        return chunk.build();
    }

    private NewWantedEntry entry(String line) {
        String prefix = "entries[" + entries++ + "]";
        try {
            return ProtoJson.read(line.getBytes(StandardCharsets.UTF_8), NewWantedEntry.newBuilder()).build();
        } catch (InvalidArgumentException e) {
            List<FieldViolation> named = e.violations().stream()
                    .map(v -> new FieldViolation(v.field().equals("body") ? prefix : prefix + "." + v.field(), v.rule())).toList();
            fault = new InvalidArgumentException(named);
            throw fault;
        }
    }
}
