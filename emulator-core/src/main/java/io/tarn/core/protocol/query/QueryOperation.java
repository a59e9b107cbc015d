package io.tarn.core.protocol.query;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.RequestContext;

/** An operation of a query-protocol service: form parameters in, the {@code <ActionResult>} content out. */
@FunctionalInterface
public interface QueryOperation {
    void invoke(RequestContext context, QueryParams params, XmlWriter result);
}
