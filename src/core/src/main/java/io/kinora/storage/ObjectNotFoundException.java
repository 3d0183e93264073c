package io.kinora.storage;

import java.io.IOException;

/** The object, or the multipart upload, does not exist (S3 NoSuchKey / NoSuchUpload). */
public class ObjectNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String message) {
        super(message);
    }

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
