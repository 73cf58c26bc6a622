package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The HAPI FHIR validator (core R4 profiles, in-memory terminology, common code systems), built once.
 * Its first validation loads every structure definition (5–7 s, STACK-NOTES): a background thread does
 * it once the application is ready, so neither a request nor a test context start waits for it; a
 * request that comes earlier waits for the same single build.
 */
@Component
public class FhirValidation {

    private static final Logger log = LoggerFactory.getLogger(FhirValidation.class);

    private final FhirContext fhir;
    private final boolean warmUp;
    private volatile FhirValidator validator;

    FhirValidation(FhirContext fhir, @Value("${hygie.fhir.validator.warm-up:true}") boolean warmUp) {
        this.fhir = fhir;
        this.warmUp = warmUp;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUpInBackground() {
        if (!warmUp) {
            return;
        }
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            validate(new Patient().setActive(true));
            log.info("FHIR validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
        }, "fhir-validator-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    public ValidationResult validate(IBaseResource resource) {
        return validator().validateWithResult(resource);
    }

    /**
     * The errors (and fatal errors) of the validation of {@code sent}, as an OperationOutcome holding only them, without
     * any value the caller sent ({@link #withoutSentValues}).
     */
    public OperationOutcome errorsOf(ValidationResult result, IBaseResource sent) {
        OperationOutcome oo = (OperationOutcome) result.toOperationOutcome();
        oo.getIssue().removeIf(i -> i.getSeverity() != OperationOutcome.IssueSeverity.ERROR
                && i.getSeverity() != OperationOutcome.IssueSeverity.FATAL);
        List<String> values = sentValues(sent);
        for (OperationOutcome.OperationOutcomeIssueComponent issue : oo.getIssue()) {
            if (issue.hasDiagnostics()) {
                issue.setDiagnostics(mask(issue.getDiagnostics(), values));
            }
            if (issue.getDetails().hasText()) {
                issue.getDetails().setText(mask(issue.getDetails().getText(), values));
            }
            issue.getLocation().forEach(l -> l.setValue(mask(l.getValue(), values)));
            issue.getExpression().forEach(e -> e.setValue(mask(e.getValue(), values)));
        }
        return oo;
    }

    /**
     * A text of the validator about {@code sent} without the values the caller sent: HAPI's validator quotes what it
     * refuses (« The value provided ('…') is not in the value set », « URI values cannot have whitespace('…') », « The
     * value '…' is not a valid Base64 value »), and a value may be a NIR or a piece of health data typed into the wrong
     * element; a refusal answers with the rule and the element's path, never with what was sent (conventions, « no NIR
     * or health data in logs »; docs/security.md, « Bad input »). Each value of {@code sent} (every primitive element,
     * its id included) becomes « … »: anywhere in the text when it has 4 characters or more, between quotes when shorter.
     */
    public String withoutSentValues(String text, IBaseResource sent) {
        return mask(text, sentValues(sent));
    }

    /** Every primitive value of the resource (ids, extensions and contained resources included), longest first. */
    private List<String> sentValues(IBaseResource sent) {
        if (sent == null) {
            return List.of();
        }
        java.util.Set<String> values = new java.util.HashSet<>();
        for (IPrimitiveType<?> p : fhir.newTerser().getAllPopulatedChildElementsOfType(sent, IPrimitiveType.class)) {
            String v = p.getValueAsString();
            if (v != null && !v.isBlank() && !(p instanceof org.hl7.fhir.instance.model.api.IBaseBooleanDatatype)) {
                values.add(v);
                values.add(v.strip());
            }
        }
        if (sent.getIdElement() != null && sent.getIdElement().getValue() != null) {
            values.add(sent.getIdElement().getValue());
            if (sent.getIdElement().getIdPart() != null) {
                values.add(sent.getIdElement().getIdPart());
            }
        }
        values.removeIf(String::isBlank);
        List<String> sorted = new java.util.ArrayList<>(values);
        sorted.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    private static String mask(String text, List<String> values) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            if (v.length() >= 4) {
                out = out.replace(v, MASK);
            } else {
                for (String q : List.of("'", "\"")) {
                    out = out.replace(q + v + q, q + MASK + q);
                }
            }
        }
        // A quoted piece of a value too (UCUM: « The unit 'Zqx' is unknown » about the unit « Zqx9… »).
        java.util.regex.Matcher m = QUOTED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String inside = m.group(2);
            boolean piece = !inside.isEmpty() && values.stream().anyMatch(v -> v.contains(inside));
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(piece ? m.group(1) + MASK + m.group(1) : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A quoted text: '…' or "…". */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("(['\"])([^'\"]*)\\1");

    /** What stands for a value the caller sent in a validation message. */
    static final String MASK = "…";

    public static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private FhirValidator validator() {
        FhirValidator v = validator;
        if (v == null) {
            synchronized (this) {
                v = validator;
                if (v == null) {
                    ValidationSupportChain chain = new ValidationSupportChain(
                            new DefaultProfileValidationSupport(fhir),
                            new CommonCodeSystemsTerminologyService(fhir),
                            new InMemoryTerminologyServerValidationSupport(fhir));
                    v = fhir.newValidator();
                    v.registerValidatorModule(new FhirInstanceValidator(chain));
                    validator = v;
                }
            }
        }
        return v;
    }
}
