package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.hygie.platform.web.DatabaseOutage;
import fr.hygie.platform.web.RefusedInput;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.UriType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HAPI FHIR plain server behind {@code /fhir}: JSON by default, no narrative, no stored searches
 * (paging by offset re-runs the search for the current reader, so a page never shows what its reader
 * may not see), errors as OperationOutcomes that never carry internal details.
 */
class HygieFhirServer extends RestfulServer {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(HygieFhirServer.class);
    static final int DEFAULT_PAGE_SIZE = 20;

    private final transient List<IResourceProvider> providers;
    private final transient SmartConfiguration smart;
    private final transient TransactionProvider transactions;
    private final transient BulkExport bulkExport;

    HygieFhirServer(FhirContext fhir, List<IResourceProvider> providers, SmartConfiguration smart, TransactionProvider transactions,
            BulkExport bulkExport) {
        super(fhir);
        this.providers = providers;
        this.smart = smart;
        this.transactions = transactions;
        this.bulkExport = bulkExport;
    }

    @Override
    protected void initialize() throws ServletException {
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        setResourceProviders(providers);
        registerProvider(transactions);
        setDefaultPageSize(DEFAULT_PAGE_SIZE);
        setImplementationDescription("Hygie — API FHIR R4");
        setServerName("Hygie");
        registerInterceptor(new Hooks());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if ("/.well-known/smart-configuration".equals(path) && "GET".equals(request.getMethod())) {
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(smart.json(SmartConfiguration.root(request)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (bulkExport.handles(path)) {
            bulkExport.serve(path, request, response);
            return;
        }
        if (hasUnreadableParameterName(request)) {
            Outcomes.write(getFhirContext(), response, 400, Outcomes.of(IssueSeverity.ERROR, IssueType.INVALID,
                    "Requête refusée : un nom de paramètre contient des espaces ou des caractères de contrôle."));
            return;
        }
                if (isCrossSiteFormWrite(request)) {
            Outcomes.write(getFhirContext(), response, 415, Outcomes.of(IssueSeverity.ERROR, IssueType.NOTSUPPORTED,
                    "Type de contenu non accepté : application/fhir+json ou application/fhir+xml."));
            return;
        }
        super.service(request, response);
    }

    /**
     * No FHIR search parameter name holds a space or a control character; HAPI trims names, and two that differ only
     * by such characters made it fail with a 500 (duplicate key, found by {@code FhirSearchFuzzTest}).
     */
    static boolean hasUnreadableParameterName(HttpServletRequest request) {
        for (String name : request.getParameterMap().keySet()) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c == 0x7F || Character.isWhitespace(c) || Character.isISOControl(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A write made with the browser session must carry a FHIR (or JSON/XML) body: a cross-site HTML form
     * can only send form or text bodies, so this stands in for the CSRF token that an API client cannot
     * send. Token calls are not concerned (browsers never add a bearer token on their own).
     */
    static boolean isCrossSiteFormWrite(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || request.getHeader("Authorization") != null) {
            return false;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        return !(type.contains("json") || type.contains("xml"));
    }

    static final String BULK_SYSTEM_EXPORT = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export";
    static final String BULK_PATIENT_EXPORT = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export";

    /** Why AuditEvent is read-only and never imported (the journal's hash chain belongs to the platform that wrote it). */
    static final String AUDIT_EVENT_DOCUMENTATION = "Journal des accès (lecture seule), avec les entrées du journal des anciennes "
            + "plateformes de la personne (source.site). Jamais importé dans la chaîne d'ici : la chaîne d'empreintes appartient à "
            + "la plateforme qui l'a écrite. L'export de l'opérateur porte la chaîne de chaque personne, le point de contrôle signé "
            + "qui la couvre, sa preuve d'inclusion et la clé publique (extension de transfert) ; l'import la vérifie entièrement "
            + "et la garde en lecture seule comme journal de l'ancienne plateforme, ou la refuse entière. Il est dans l'export de "
            + "la personne (Patient/$export) : pour elle-même, et pour son représentant si son mandat lui permet de voir ses "
            + "documents, comme la page « Qui a consulté mes données ». La recherche d'un auditeur couvre aussi les journaux des "
            + "anciennes plateformes des personnes venues ici. Une personne qui revient (A → B → A) : la chaîne de cette plateforme, "
            + "reconnue et comparée à celle qu'elle tient, n'est pas gardée une seconde fois.";

    /** What the operator's export and import (« réversibilité ») carry, for a system that reads the statement. */
    static final String EXPORT_DOCUMENTATION = "Export et import de l'opérateur (./hygie export, ./hygie import, NDJSON ou Bundle) : "
            + String.join(", ", FhirExporter.TYPES) + " (AuditEvent : chaque chaîne du journal des accès avec ce qui la vérifie). Ni les comptes "
            + "(identifiants de connexion), ni qui une extraction de recherche a incluse ou écartée, ni les fichiers produits par le "
            + "moteur d'extraction.";

    /** Server hooks: the CapabilityStatement's security section and safe error answers. */
    /** A quoted value in one of HAPI's error texts: {@code "…"} with no quote inside. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"[^\"]*\"");

    final class Hooks {

        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void capabilityStatement(IBaseConformance conformance, RequestDetails request) {
            CapabilityStatement cs = (CapabilityStatement) conformance;
            cs.setPublisher("Hygie");
            cs.getSoftware().setName("Hygie");
            String root = request.getFhirServerBase().replaceFirst("/fhir/?$", "");
            for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
                // HAPI lists _include/_revinclude for every type; none is supported here.
                rest.getResource().forEach(r -> {
                    r.getSearchInclude().clear();
                    r.getSearchRevInclude().clear();
                    if ("AuditEvent".equals(r.getType())) {
                        r.setDocumentation(AUDIT_EVENT_DOCUMENTATION);
                    }
                    // Bulk Data Access IG: a server declares its export operations; BulkExport serves them outside
                    // HAPI's providers, so HAPI does not list them by itself (and the security inventory of the
                    // interactions, RouteMatrixTest, reads this statement).
                    if ("Patient".equals(r.getType())) {
                        r.addOperation().setName("export").setDefinition(BULK_PATIENT_EXPORT);
                    }
                });
                rest.addOperation().setName("export").setDefinition(BULK_SYSTEM_EXPORT);
                rest.setDocumentation(EXPORT_DOCUMENTATION);
                CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
                security.setCors(false);
                security.addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
                security.setDescription("Jeton OAuth 2.0 (Bearer) du serveur d'autorisation intégré, scopes SMART on FHIR v2, "
                        + "ou session du navigateur. Voir " + root + "/.well-known/smart-configuration");
                Extension uris = new Extension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
                uris.addExtension(new Extension("authorize", new UriType(root + "/oauth2/authorize")));
                uris.addExtension(new Extension("token", new UriType(root + "/oauth2/token")));
                security.addExtension(uris);
            }
        }

        /** Identity rules become 422; anything unexpected becomes a 500 that says nothing of the inside. */
        @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
        public BaseServerResponseException outgoing(RequestDetails request, Throwable error) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof RefusedInput refused) {
                    return new UnprocessableEntityException(getFhirContext(),
                            Outcomes.refusal(refused.code(), refused.field(), cause.getMessage()));
                }
            }
            // HAPI wraps a provider's unexpected exception in a 500 whose text is the cause's message (SQL…):
            // only answers below 500 are passed on as they are.
            if (error instanceof BaseServerResponseException known && known.getStatusCode() < 500) {
                // HAPI's own warning ("Failure during REST processing: <exception>") quotes the message, which holds
                // what the caller sent (an id, a value): it is silenced (logging.level in application.properties) and
                // this line names the answer and the exception's type only (conventions, "Logs"; docs/security.md).
                log.info("FHIR {} {} answered {} ({})", request.getRequestType(), request.getResourceName(), known.getStatusCode(),
                        known.getClass().getSimpleName());
                if (known instanceof InvalidRequestException && known.getMessage() != null
                        && known.getMessage().contains("Failed to parse request body")) {
                    // HAPI's text quotes the unreadable value back: the answer says what is wrong, not what was sent.
                    return new InvalidRequestException("Le contenu n'est pas une ressource FHIR lisible (JSON ou XML, valeurs au "
                            + "format de leur type).");
                }
                if (known.getOperationOutcome() == null && known.getMessage() != null && known.getMessage().indexOf('"') >= 0) {
                    // HAPI's own texts quote what the caller sent (finding of security.FhirWriteFuzzTest: HAPI-0420
                    // « Resource body ID of "…" does not match URL ID of "…" »): the answer keeps the rule, not the values.
                    BaseServerResponseException masked = BaseServerResponseException.newInstance(known.getStatusCode(),
                            QUOTED.matcher(known.getMessage()).replaceAll("\"…\""));
                    known.getResponseHeaders().forEach((name, values) -> values.forEach(v -> masked.addResponseHeader(name, v)));
                    return masked;
                }
                return known;
            }
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof DataFormatException) {
                    // A parameter in the wrong format (a date search given anything else): HAPI lets its parser's
                    // exception through as a 500 whose text quotes the value, which may be a NIR typed in the wrong
                    // field. The caller's mistake is a 400, and the log names the parameter's resource, never the value
                    // (conventions, "Logs"; docs/security.md).
                    log.warn("FHIR {} {} refused: a parameter or the content is not in its format ({})", request.getRequestType(),
                            request.getResourceName(), cause.getClass().getSimpleName());
                    return new InvalidRequestException("Un paramètre ou le contenu n'est pas au format attendu.");
                }
            }
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (whileReadingTheBody(cause)) {
                    // HAPI's parser failed on a body it should have refused (finding of security.FhirWriteFuzzTest: an
                    // empty property name, « "": … », threw StringIndexOutOfBoundsException, a 500): the caller's content
                    // is unreadable, a 400 that says so without quoting it.
                    log.warn("FHIR {} {} refused: unreadable content ({})", request.getRequestType(), request.getResourceName(),
                            cause.getClass().getSimpleName());
                    return new InvalidRequestException("Le contenu n'est pas une ressource FHIR lisible (JSON ou XML, valeurs au "
                            + "format de leur type).");
                }
            }
            if (DatabaseOutage.unreachable(error)) {
                // The cause's text may name the server: only its kind is logged (docs/security.md, "Database restart while serving").
                log.warn("Database unavailable while serving FHIR {} {}: {}", request.getRequestType(), request.getResourceName(),
                        error.getClass().getSimpleName());
                return new ServiceUnavailable();
            }
            log.error("FHIR request failed: {} {}", request.getRequestType(), request.getResourceName(), error);
            return new InternalErrorException("Erreur interne du serveur.");
        }
    }

    /** Was this thrown while HAPI read the request's resource or Bundle (its parser, not our code)? */
    static boolean whileReadingTheBody(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (("ca.uhn.fhir.rest.server.method.ResourceParameter".equals(e.getClassName())
                    || "ca.uhn.fhir.rest.server.method.TransactionParameter".equals(e.getClassName()))
                    && e.getMethodName().startsWith("loadResourceFromRequest")) {
                return true;
            }
        }
        return false;
    }

    /**
     * 503 « service momentanément indisponible » with {@code Retry-After} and an OperationOutcome of type
     * {@code transient}: the database cannot be reached; the client may retry, nothing was done.
     */
    static final class ServiceUnavailable extends BaseServerResponseException {

        private static final long serialVersionUID = 1L;
        static final String MESSAGE = "Service momentanément indisponible. Réessayez dans quelques instants.";

        ServiceUnavailable() {
            super(503, MESSAGE, Outcomes.of(IssueSeverity.ERROR, IssueType.TRANSIENT, MESSAGE));
            addResponseHeader("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
        }
    }
}
