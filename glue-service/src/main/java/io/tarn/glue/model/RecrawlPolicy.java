package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Whether a crawl reads every folder again or only the folders added since the last crawl. */
public record RecrawlPolicy(@JsonProperty("RecrawlBehavior") @Nullable String recrawlBehavior) {

    public static final String CRAWL_EVERYTHING = "CRAWL_EVERYTHING";
    public static final String CRAWL_NEW_FOLDERS_ONLY = "CRAWL_NEW_FOLDERS_ONLY";
    public static final String CRAWL_EVENT_MODE = "CRAWL_EVENT_MODE";

    public static final RecrawlPolicy DEFAULT = new RecrawlPolicy(CRAWL_EVERYTHING);

    public boolean newFoldersOnly() {
        return CRAWL_NEW_FOLDERS_ONLY.equals(recrawlBehavior);
    }
}
