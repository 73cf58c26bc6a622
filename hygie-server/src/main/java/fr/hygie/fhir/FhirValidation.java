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
