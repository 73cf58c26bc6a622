package fr.hygie.messaging;

import fr.hygie.record.DocumentId;

/**
 * An attachment as a reader sees it: decrypted file name, type, size, the LOINC type when it came from
 * the record ({@code typeCode}, else null), the record document it came from ({@code sourceDocument}) and
 * the record document it was filed as ({@code filedDocument}), if any.
 */
public record AttachmentView(AttachmentId id, MessageId message, String fileName, String contentType, int size, String typeCode,
        DocumentId sourceDocument, DocumentId filedDocument) {

    /** May it still be filed into the record (it is not already there)? */
    public boolean fileable() {
        return sourceDocument == null && filedDocument == null;
    }
}
