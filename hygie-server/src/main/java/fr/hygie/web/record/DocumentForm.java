package fr.hygie.web.record;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.identity.PatientId;
import fr.hygie.record.NewDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.multipart.MultipartFile;

/** The "add a document" form as typed: a file or a text, a type, a title, a date, labels. */
public class DocumentForm {

    private String type;
    private String title;
    private String date;
    private String text;
    private MultipartFile file;
    private boolean maskedFromProfessionals;
    private boolean invisibleToPatient;
    private boolean invisibleToLegalRepresentatives;

    /** Field name → error message (in the page's language), in the order of the form. */
    Map<String, String> errors = new LinkedHashMap<>();

    /** @param dateFormatError the message shown when the date is not YYYY-MM-DD, in the page's language */
    NewDocument toDocument(PatientId patient, String dateFormatError) {
        errors.clear();
        LocalDate day = null;
        try {
            day = date == null || date.isBlank() ? null : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            errors.put("date", dateFormatError);
        }
        byte[] content = fileBytes();
        if (content.length == 0) {
            content = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }
        Set<ConfidentialityLabel> labels = EnumSet.noneOf(ConfidentialityLabel.class);
        if (maskedFromProfessionals) {
            labels.add(ConfidentialityLabel.MASQUE_PS);
        }
        if (invisibleToPatient) {
            labels.add(ConfidentialityLabel.INVISIBLE_PATIENT);
        }
        if (invisibleToLegalRepresentatives) {
            labels.add(ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX);
        }
        return new NewDocument(patient, type, title, day, labels, null, content);
    }

    /**
     * The uploaded file's bytes, empty when there is none. Read once, without asking its size first: for a part kept in
     * memory, Tomcat's {@code getSize()} (behind {@code MultipartFile.isEmpty()}) copies the whole content only to
     * measure it, one more copy of the document per upload (issue 13, docs/benchmarks.md « Session 9 — upload »).
     */
    private byte[] fileBytes() {
        if (file == null) {
            return new byte[0];
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> getErrors() {
        return errors;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public MultipartFile getFile() {
        return file;
    }

    public void setFile(MultipartFile file) {
        this.file = file;
    }

    public boolean isMaskedFromProfessionals() {
        return maskedFromProfessionals;
    }

    public void setMaskedFromProfessionals(boolean v) {
        this.maskedFromProfessionals = v;
    }

    public boolean isInvisibleToPatient() {
        return invisibleToPatient;
    }

    public void setInvisibleToPatient(boolean v) {
        this.invisibleToPatient = v;
    }

    public boolean isInvisibleToLegalRepresentatives() {
        return invisibleToLegalRepresentatives;
    }

    public void setInvisibleToLegalRepresentatives(boolean v) {
        this.invisibleToLegalRepresentatives = v;
    }
}
