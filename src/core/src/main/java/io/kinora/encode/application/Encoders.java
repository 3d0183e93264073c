package io.kinora.encode.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** This node's encoders at work: how many are busy now and how many pieces they made (for the node's beat and /metrics). */
@ApplicationScoped
public class Encoders {
    private final AtomicLong busy = new AtomicLong();
    private final LongAdder pieces = new LongAdder();

    public void started() { busy.incrementAndGet(); }

    public void ended() { busy.decrementAndGet(); }

    public void encoded(int pieceCount) { pieces.add(pieceCount); }

    public long busy() { return busy.get(); }

    public long piecesEncoded() { return pieces.sum(); }
}
