package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.firehose.model.DeliveryStreamMeta;

/** A stored destination as DescribeDeliveryStream lists it. */
public final class StreamDescriptions {

    private StreamDescriptions() {}

    /**
     * The {@code DestinationDescription}: an S3 destination is described twice, as AWS does, as an
     * {@code S3DestinationDescription} and an {@code ExtendedS3DestinationDescription} (whichever
     * shape created it); an HTTP endpoint without its access key.
     */
    public static ObjectNode destination(DeliveryStreamMeta m) {
        ObjectNode out = DestinationParts.JSON.objectNode();
        out.put("DestinationId", DeliveryStreamEngine.DESTINATION_ID);
        if (DeliveryStreamMeta.EXTENDED_S3.equals(m.destinationKind())) {
            out.set("S3DestinationDescription", S3Destinations.s3View(m.destination()));
            out.set("ExtendedS3DestinationDescription", m.destination().deepCopy());
        } else {
            out.set("HttpEndpointDestinationDescription", HttpEndpointDestinations.described(m.destination()));
        }
        return out;
    }
}
