package io.tarn.glue.engine.crawler.layout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A folder of a crawled target: its files and subfolders, in key order. */
final class Folder {

    private final String name;
    /** The folder's key prefix in its bucket, with its trailing slash ("" for the bucket itself). */
    private final String prefix;
    private final List<CrawledFile> files = new ArrayList<>();
    private final Map<String, Folder> children = new TreeMap<>();

    Folder(String name, String prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    String name() {
        return name;
    }

    String prefix() {
        return prefix;
    }

    List<CrawledFile> files() {
        return files;
    }

    Collection<Folder> children() {
        return children.values();
    }

    /** Files the folder holds itself and in every subfolder, in key order. */
    List<CrawledFile> allFiles() {
        List<CrawledFile> all = new ArrayList<>(files);
        children.values().forEach(c -> all.addAll(c.allFiles()));
        return all;
    }

    /** Files the folder holds {@code depth} levels down, or -1 when they lie at different depths. */
    int uniformDepth() {
        if (children.isEmpty()) {
            return 0;
        }
        if (!files.isEmpty()) {
            return -1;
        }
        int depth = -2;
        for (Folder child : children.values()) {
            int d = child.uniformDepth();
            if (d < 0 || (depth != -2 && d != depth)) {
                return -1;
            }
            depth = d;
        }
        return depth + 1;
    }

    /** The folders {@code depth} levels down that hold files, in key order. */
    List<Folder> foldersAt(int depth) {
        if (depth == 0) {
            return List.of(this);
        }
        List<Folder> found = new ArrayList<>();
        children.values().forEach(c -> found.addAll(c.foldersAt(depth - 1)));
        return found;
    }

    /** Adds {@code file} in the folder at {@code path} below this one (the folders on the way created as needed). */
    void add(List<String> path, CrawledFile file) {
        Folder folder = this;
        for (String segment : path) {
            Folder parent = folder;
            folder = parent.children.computeIfAbsent(segment, s -> new Folder(s, parent.prefix + s + "/"));
        }
        folder.files.add(file);
    }
}
