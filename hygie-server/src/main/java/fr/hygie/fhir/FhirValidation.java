package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseExtension;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.DomainResource;
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
    private volatile Set<String> resourceTypes;

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

    /**
     * The validator's own result, whose texts may quote what the caller sent: never answered, logged or stored —
     * {@code security.FhirValidatorRefusalTest} uses it to prove that the refusals it checks had values to mask.
     */
    public ValidationResult validateQuotingValues(IBaseResource resource) {
        return validator().validateWithResult(resource);
    }

    /**
     * Validates; the messages say the rule and the place, never what the caller sent ({@link #withoutValues}): every
     * refusal built from them (create, update, transaction) is then safe to answer.
     */
    public ValidationResult validate(IBaseResource resource) {
        ValidationResult result = validateQuotingValues(resource);
        List<String> sent = sentValues(resource);
        for (SingleValidationMessage m : result.getMessages()) {
            m.setMessage(withoutValues(m.getMessage(), sent));
            m.setLocationString(withoutValues(m.getLocationString(), sent));
        }
        return result;
    }

    /** A quoted value in a validator text: {@code 'x'} (an apostrophe inside a word, « doesn't », opens nothing) or {@code "x"}. */
    private static final Pattern QUOTED = Pattern.compile("(?<![\\p{L}\\p{N}])'.*?'(?![\\p{L}\\p{N}])|\"[^\"]*\"");
    /** The validator names a contained or Bundle resource in its paths between comment marks, with the caller's id. */
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/");
    /** Shorter values are left (« true », a code of three letters): replacing them would garble the rule's own words. */
    private static final int MIN_MASKED = 5;

    /**
     * A validator's message or location without what the caller sent. Its texts quote the values they refuse (« The value
     * provided ('…') is not in the value set », « id value '…' is not valid »), some without quotes (« Unknown extension
     * … », « Found …, but expected one of »), and name resources by their ids: a refusal says the rule and the place, it
     * does not send the content back (it may be health data, or a NIR typed in the wrong field). Session 6, found by
     * reading the write path (security.FhirWriteFuzzTest#findingsOfTheFuzzerStayFixed): quoted parts become {@code '…'},
     * and so does any value of the resource.
     */
    static String withoutValues(String text, List<String> sent) {
        if (text == null) {
            return null;
        }
        String out = QUOTED.matcher(COMMENT.matcher(text).replaceAll("")).replaceAll("'…'");
        for (String value : sent) {
            out = out.replace(value, "…");
        }
        return out;
    }

    /** Every value of a resource (primitives, extension URLs, ids, its contained resources'), longest first. */
    private List<String> sentValues(IBaseResource resource) {
        FhirTerser terser = fhir.newTerser();
        Set<String> values = new HashSet<>();
        List<IBaseResource> resources = new ArrayList<>(List.of(resource));
        if (resource instanceof DomainResource d) {
            resources.addAll(d.getContained());
        }
        for (IBaseResource r : resources) {
            values.add(r.getIdElement().getValue());
            values.add(r.getIdElement().getIdPart());
            for (IPrimitiveType<?> p : terser.getAllPopulatedChildElementsOfType(r, IPrimitiveType.class)) {
                values.add(p.getValueAsString());
            }
            for (IBaseExtension<?, ?> e : terser.getAllPopulatedChildElementsOfType(r, IBaseExtension.class)) {
                values.add(e.getUrl());
            }
        }
        // Parts too: a message may quote only a part of a value (« Found zqx, but expected one of (Patient) » for the
        // reference zqx/1), except the names of resource types, which are the rule's words, not the caller's.
        Set<String> types = resourceTypes();
        for (String v : new ArrayList<>(values)) {
            if (v != null) {
                for (String part : v.split("[^\\p{L}\\p{N}_.-]+")) {
                    if (!types.contains(part)) {
                        values.add(part);
                    }
                }
            }
        }
        return values.stream().filter(v -> v != null && v.length() >= MIN_MASKED)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The errors (and fatal errors) of a validation, as an OperationOutcome holding only them. */
    public static OperationOutcome errorsOf(ValidationResult result) {
        OperationOutcome oo = (OperationOutcome) result.toOperationOutcome();
        oo.getIssue().removeIf(i -> i.getSeverity() != OperationOutcome.IssueSeverity.ERROR
                && i.getSeverity() != OperationOutcome.IssueSeverity.FATAL);
        return oo;
    }

    public static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private Set<String> resourceTypes() {
        Set<String> t = resourceTypes;
        if (t == null) {
            t = Set.copyOf(fhir.getResourceTypes());
            resourceTypes = t;
        }
        return t;
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
