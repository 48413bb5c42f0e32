package org.fangkong.infra;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.grpc.stub.StreamObserver;

/** What a gRPC call answers (messages, then its end), queued for a tool or a test to take one at a time. */
public final class Answers<T> implements StreamObserver<T> {

    private static final Object COMPLETED = "completed";

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    @Override
    public void onNext(T value) {
        queue.add(value);
    }

    @Override
    public void onError(Throwable failure) {
        queue.add(failure);
    }

    @Override
    public void onCompleted() {
        queue.add(COMPLETED);
    }

    /**
     * The next message; the call's failure thrown as it came (a {@code StatusRuntimeException}), or
     * IllegalStateException when the call ended or nothing came within {@code wait}.
     */
    @SuppressWarnings("unchecked")
    public T next(Duration wait) throws InterruptedException {
        Object answer = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (answer instanceof RuntimeException failure) {
            throw failure;
        }
        if (answer == null || answer == COMPLETED || answer instanceof Throwable) {
            throw new IllegalStateException("no answer within " + wait + ": " + answer);
        }
        return (T) answer;
    }
}
