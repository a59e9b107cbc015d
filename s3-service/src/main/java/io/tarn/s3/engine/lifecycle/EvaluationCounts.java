package io.tarn.s3.engine.lifecycle;

/** What a lifecycle evaluation did: versions read, versions moved to another class, versions or markers expired, uploads aborted. */
public final class EvaluationCounts {
    long examined;
    long transitioned;
    long expired;
    long aborted;

    void add(EvaluationCounts o) {
        examined += o.examined;
        transitioned += o.transitioned;
        expired += o.expired;
        aborted += o.aborted;
    }

    public long examined() {
        return examined;
    }

    public long transitioned() {
        return transitioned;
    }

    public long expired() {
        return expired;
    }

    public long aborted() {
        return aborted;
    }

    @Override
    public String toString() {
        return "examined=" + examined + " transitioned=" + transitioned + " expired=" + expired + " aborted=" + aborted;
    }
}
