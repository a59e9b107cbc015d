package io.tarn.glue.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.ClassifierShapes.Classifier;
import io.tarn.glue.api.shapes.ClassifierShapes.ClassifierInput;
import io.tarn.glue.api.shapes.ClassifierShapes.GetClassifierOutput;
import io.tarn.glue.api.shapes.ClassifierShapes.GetClassifiersInput;
import io.tarn.glue.api.shapes.ClassifierShapes.GetClassifiersOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.NameInput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.crawler.ClassifierStore;
import io.tarn.glue.model.ClassifierMeta;
import java.util.LinkedHashMap;
import java.util.Map;

/** CreateClassifier, GetClassifier, GetClassifiers, UpdateClassifier, DeleteClassifier. */
public final class ClassifierOperations {

    private final ClassifierStore classifiers;
    private final NextTokens tokens;

    public ClassifierOperations(ClassifierStore classifiers, NextTokens tokens) {
        this.classifiers = classifiers;
        this.tokens = tokens;
    }

    public Void createClassifier(RequestContext ctx, ClassifierInput in) {
        Map.Entry<String, ObjectNode> one = single(in);
        classifiers.create(ctx.namespace(), one.getKey(), one.getValue());
        return null;
    }

    public GetClassifierOutput getClassifier(RequestContext ctx, NameInput in) {
        return new GetClassifierOutput(Classifier.of(classifiers.get(ctx.namespace(), in.name())));
    }

    public GetClassifiersOutput getClassifiers(RequestContext ctx, GetClassifiersInput in) {
        String scope = NextTokens.scope(ctx, "GetClassifiers");
        Page<ClassifierMeta> page = classifiers.list(ctx.namespace(), tokens.open(scope, in.nextToken()),
                CrawlerOperations.pageSize(in.maxResults()));
        return new GetClassifiersOutput(page.items().stream().map(Classifier::of).toList(), tokens.issue(scope, page.next()));
    }

    public Void updateClassifier(RequestContext ctx, ClassifierInput in) {
        Map.Entry<String, ObjectNode> one = single(in);
        classifiers.update(ctx.namespace(), one.getKey(), one.getValue());
        return null;
    }

    public Void deleteClassifier(RequestContext ctx, NameInput in) {
        classifiers.delete(ctx.namespace(), in.name());
        return null;
    }

    /** The one kind of classifier a request gives: none or several is InvalidInputException. */
    private static Map.Entry<String, ObjectNode> single(ClassifierInput in) {
        Map<String, ObjectNode> given = new LinkedHashMap<>();
        put(given, ClassifierStore.GROK, in.grokClassifier());
        put(given, ClassifierStore.XML, in.xmlClassifier());
        put(given, ClassifierStore.JSON, in.jsonClassifier());
        put(given, ClassifierStore.CSV, in.csvClassifier());
        if (given.size() != 1) {
            throw GlueErrors.INVALID_INPUT.exception("Exactly one of GrokClassifier, XMLClassifier, JsonClassifier or CsvClassifier "
                    + "must be given");
        }
        return given.entrySet().iterator().next();
    }

    private static void put(Map<String, ObjectNode> given, String kind, ObjectNode definition) {
        if (definition != null) {
            given.put(kind, definition);
        }
    }
}
