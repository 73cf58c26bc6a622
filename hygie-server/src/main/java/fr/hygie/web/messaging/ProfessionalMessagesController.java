package fr.hygie.web.messaging;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Structures;
import fr.hygie.journal.JournalChannel;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.PostOutcome;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The professional's messages: their own and their structure's mailbox, with unread counts; a new
 * conversation with a person found by INS traits; replies with a file; filing an attachment into the
 * person's record.
 */
@Controller
@RequestMapping("/pro/messages")
@PreAuthorize("hasRole('PROFESSIONAL')")
class ProfessionalMessagesController {

    static final String BASE = "/pro/messages";

    private final WebMessages texts;
    private final fr.hygie.web.Codes codes;

    private final Conversations conversations;
    private final Patients patients;
    private final Structures structures;

    ProfessionalMessagesController(Conversations conversations, Patients patients, Structures structures, WebMessages texts, fr.hygie.web.Codes codes) {

        this.texts = texts;
        this.codes = codes;
        this.conversations = conversations;
        this.patients = patients;
        this.structures = structures;
    }

    @GetMapping
    String inbox(@AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("inbox", conversations.inbox(Actor.of(user), JournalChannel.WEB));
        model.addAttribute("mayStart", true);
        model.addAttribute("base", BASE);
        model.addAttribute("pro", true);
        return "messaging/inbox";
    }

    @GetMapping("/nouveau")
    String newForm(@RequestParam(required = false) String nom, @RequestParam(required = false) String prenom,
            @RequestParam(name = "naissance", required = false) String birth, @RequestParam(required = false) String patient,
            @AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("nom", nom);
        model.addAttribute("prenom", prenom);
        model.addAttribute("naissance", birth);
        if (nom != null && !nom.isBlank()) {
            try {
                model.addAttribute("results", patients.searchByTraits(nom, prenom, LocalDate.parse(birth == null ? "" : birth), 20));
            } catch (DateTimeParseException e) {
                model.addAttribute("searchError", texts.get("pro.flash.birthDateFormat"));
            }
        }
        if (patient != null) {
            parse(patient).flatMap(patients::byId).ifPresent(p -> model.addAttribute("chosen", p));
        }
        user.structureId().flatMap(structures::byId).ifPresent(s -> model.addAttribute("structure", s));
        return "messaging/pro-new";
    }

    @PostMapping("/nouveau")
    String start(@RequestParam(defaultValue = "") String patient, @RequestParam(defaultValue = "") String objet,
            @RequestParam(defaultValue = "") String message, @RequestParam(name = "structure", defaultValue = "false") boolean asStructure,
            @RequestParam(name = "fichier", required = false) MultipartFile file, @AuthenticationPrincipal HygieUser user,
            RedirectAttributes redirect) {
        var id = parse(patient);
        if (id.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("messaging.flash.choosePerson"));
            return "redirect:" + BASE + "/nouveau";
        }
        PostOutcome outcome = conversations.startWithPatient(Actor.of(user), id.get(), asStructure, objet, message,
                MessagingWeb.upload(file), JournalChannel.WEB);
        return MessagingWeb.afterPost(outcome, BASE, BASE + "/nouveau?patient=" + id.get(), redirect, texts, codes);
    }

    @GetMapping("/{id}")
    String conversation(@PathVariable String id, @AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("pro", true);
        return MessagingWeb.conversation(conversations, Actor.of(user), id, BASE, model);
    }

    @PostMapping("/{id}/repondre")
    String reply(@PathVariable String id, @RequestParam(defaultValue = "") String message,
            @RequestParam(name = "fichier", required = false) MultipartFile file, @AuthenticationPrincipal HygieUser user,
            RedirectAttributes redirect) {
        PostOutcome outcome = conversations.reply(Actor.of(user), MessagingWeb.conversationId(id), message, MessagingWeb.upload(file),
                JournalChannel.WEB);
        return MessagingWeb.afterPost(outcome, BASE, BASE + "/" + id, redirect, texts, codes);
    }

    @GetMapping("/pieces-jointes/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id, @AuthenticationPrincipal HygieUser user) {
        return MessagingWeb.download(conversations, Actor.of(user), id);
    }

    @PostMapping("/pieces-jointes/{id}/classer")
    String file(@PathVariable String id, @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String titre,
            @RequestParam(defaultValue = "") String date, @RequestParam(name = "conversation") String conversation,
            @AuthenticationPrincipal HygieUser user, RedirectAttributes redirect) {
        return MessagingWeb.file(conversations, Actor.of(user), id, type, titre, date,
                BASE + "/" + MessagingWeb.conversationId(conversation), redirect, texts, codes);
    }

    private static java.util.Optional<PatientId> parse(String id) {
        try {
            return id == null || id.length() != 36 ? java.util.Optional.empty() : java.util.Optional.of(new PatientId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
