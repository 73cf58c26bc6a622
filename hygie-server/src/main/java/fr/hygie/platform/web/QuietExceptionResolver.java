package fr.hygie.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.TreeSet;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

/**
 * Spring MVC's {@link DefaultHandlerExceptionResolver} (the one that answers 400 to a value of the
 * wrong type, a missing parameter, unreadable JSON, a binding error…) with a warning that names the
 * exception type, the request's method and path, and the parameter or field names — never the
 * rejected value. Spring's own warning quotes the exception's message ({@code For input string:
 * "…"}, Jackson's {@code Unrecognized token '…'}, {@code rejected value […]}), and a value typed in
 * the wrong field may be a NIR or health data, which must never reach a log line (conventions,
 * "Logs"; docs/security.md). The answers themselves are unchanged.
 */
final class QuietExceptionResolver extends DefaultHandlerExceptionResolver {

    @Override
    protected String buildLogMessage(Exception ex, HttpServletRequest request) {
        String names = names(ex);
        return "Resolved [" + ex.getClass().getName() + (names.isEmpty() ? "" : " for " + names) + "] on "
                + request.getMethod() + " " + request.getRequestURI();
    }

    /** Parameter or field names only: what was wrong, not what was typed. */
    static String names(Exception ex) {
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            return "parameter '" + m.getName() + "'";
        }
        if (ex instanceof TypeMismatchException t && t.getPropertyName() != null) {
            return "parameter '" + t.getPropertyName() + "'";
        }
        if (ex instanceof MissingServletRequestParameterException m) {
            return "parameter '" + m.getParameterName() + "'";
        }
        if (ex instanceof MissingPathVariableException m) {
            return "path variable '" + m.getVariableName() + "'";
        }
        if (ex instanceof MissingServletRequestPartException m) {
            return "part '" + m.getRequestPartName() + "'";
        }
        if (ex instanceof BindingResult b) {
            TreeSet<String> fields = new TreeSet<>();
            for (FieldError e : b.getFieldErrors()) {
                fields.add(e.getField());
            }
            return fields.isEmpty() ? "" : "fields " + fields;
        }
        return "";
    }

    /** Puts this resolver in the place of Spring's default one. */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        @Override
        public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
            for (int i = 0; i < resolvers.size(); i++) {
                if (resolvers.get(i).getClass() == DefaultHandlerExceptionResolver.class) {
                    resolvers.set(i, new QuietExceptionResolver());
                }
            }
        }
    }
}
