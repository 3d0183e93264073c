package io.kinora.encode.batch;

import io.kinora.encode.application.WorkFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Where a job keeps its local copy of the source. */
final class SourceFile {
    private SourceFile() { }

    static Path local(WorkFiles files, String videoId) throws IOException {
        return files.localSource(videoId);
    }
}
