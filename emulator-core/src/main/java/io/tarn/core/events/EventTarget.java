package io.tarn.core.events;

import io.tarn.core.spi.Namespace;

/** A rule's target, from its ARN: the kinds of target Tarn's services can take an event as. */
record EventTarget(Kind kind, Namespace ns, String name, String arn) {

    enum Kind { GLUE_WORKFLOW, KINESIS_STREAM, FIREHOSE_STREAM }

    static EventTarget parse(String rule, String arn) {
        String[] parts = arn.trim().split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty() && !parts[4].isEmpty()) {
            Namespace ns = new Namespace(parts[4], parts[3]);
            String resource = parts[5];
            if (parts[2].equals("glue") && resource.startsWith("workflow/")) {
                return new EventTarget(Kind.GLUE_WORKFLOW, ns, resource.substring("workflow/".length()), arn);
            }
            if (parts[2].equals("kinesis") && resource.startsWith("stream/")) {
                return new EventTarget(Kind.KINESIS_STREAM, ns, resource.substring("stream/".length()), arn);
            }
            if (parts[2].equals("firehose") && resource.startsWith("deliverystream/")) {
                return new EventTarget(Kind.FIREHOSE_STREAM, ns, resource.substring("deliverystream/".length()), arn);
            }
        }
        throw new IllegalArgumentException("eventRules: a target of " + rule
                + " must be a Glue workflow, Kinesis stream or Firehose delivery stream ARN: " + arn);
    }
}
