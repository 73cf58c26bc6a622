package fr.hygie.web.messaging;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.journal.JournalChannel;
import fr.hygie.messaging.CareParty;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.web.ActingFor;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's messages (or those of the person a representative acts for, within READ_MESSAGES and
 * WRITE_MESSAGES): conversations with unread counts, reading, replying with a document of the record,
 * a new conversation with an eligible professional, filing an attachment into the record.
 */
@Controller
@RequestMapping("/messages")
@PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
class PatientMessagesController {

    static final String BASE = "/messages";

    private final WebMessages texts;
    private final fr.hygie.web.Codes codes;

    private final ActingFor actingFor;
    private final Conversations conversations;
    private final Documents documents;
    private final fr.hygie.access.AccessControl access;

    PatientMessagesController(ActingFor actingFor, Conversations conversations, Documents documents, fr.hygie.access.AccessControl access,
            WebMessages texts, fr.hygie.web.Codes codes) {
        this.access = access;

        this.texts = texts;
        this.codes = codes;
        this.actingFor = actingFor;
        this.conversations = conversations;
        this.documents = documents;
    }

    @GetMapping
    String inbox(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        if (actingFor.subject(user, session).isEmpty()) {
            return "redirect:/agir-pour";
        }
        Actor actor = actingFor.currentActor(user, session);
        model.addAttribute("inbox", conversations.inbox(actor, JournalChannel.WEB));
        model.addAttribute("mayStart", !conversations.eligibleRecipients(actor).isEmpty());
        model.addAttribute("base", BASE);
        model.addAttribute("pro", false);
        model.addAttribute("emergency", MessagingWeb.EMERGENCY);
        return "messaging/inbox";
    }

    @GetMapping("/{id}")
    String conversation(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        Actor actor = actingFor.currentActor(user, session);
        String page = MessagingWeb.conversation(conversations, actor, id, BASE, model);
        if (((fr.hygie.messaging.ConversationView) model.getAttribute("view")).mayReply()) {
            model.addAttribute("documents", documents.list(actor, actor.actingFor(), DocumentFilter.all(), JournalChannel.WEB));
        }
        model.addAttribute("pro", false);
        // Filing an attachment into the record is adding a document: its form only where that would be permitted (a
        // representative needs « Gérer le partage »; docs/security.md, « Pages that offer an action »).
        model.addAttribute("mayFile", access.wouldPermit(actor, ((fr.hygie.messaging.ConversationView) model.getAttribute("view")).summary().patient(),
                fr.hygie.journal.JournalAction.CREATE, fr.hygie.access.DocumentFacts.OBJECT_TYPE));
        return page;
    }

    @PostMapping("/{id}/repondre")
    String reply(@PathVariable String id, @RequestParam(defaultValue = "") String message,
            @RequestParam(name = "document", required = false) String document, @AuthenticationPrincipal HygieUser user,
            HttpSession session, RedirectAttributes redirect) {
        PostOutcome outcome = conversations.reply(actingFor.currentActor(user, session), MessagingWeb.conversationId(id), message,
                fromRecord(document), JournalChannel.WEB);
        return MessagingWeb.afterPost(outcome, BASE, BASE + "/" + id, redirect, texts, codes);
    }

    @GetMapping("/nouveau")
    String newForm(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        if (actingFor.subject(user, session).isEmpty()) {
            return "redirect:/agir-pour";
        }
        Actor actor = actingFor.currentActor(user, session);
        var recipients = conversations.eligibleRecipients(actor);
        model.addAttribute("recipients", recipients);
        // Why there is no form, when the mandate is the reason (not « no professional wrote to you yet »).
        var mayWrite = conversations.mayWrite(actor);
        if (mayWrite.refused()) {
            model.addAttribute("writeRefusal", mayWrite);
        }
        if (!recipients.isEmpty()) {
            model.addAttribute("documents", documents.list(actor, actor.actingFor(), DocumentFilter.all(), JournalChannel.WEB));
        }
        model.addAttribute("emergency", MessagingWeb.EMERGENCY);
        return "messaging/new";
    }

    @PostMapping("/nouveau")
    String start(@RequestParam(name = "destinataire", defaultValue = "") String recipient, @RequestParam(defaultValue = "") String objet,
            @RequestParam(defaultValue = "") String message, @RequestParam(name = "document", required = false) String document,
            @AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        var party = CareParty.parseKey(recipient);
        if (party.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("messaging.flash.chooseRecipient"));
            return "redirect:" + BASE + "/nouveau";
        }
        PostOutcome outcome = conversations.startWithCareParty(actingFor.currentActor(user, session), party.get(), objet, message,
                fromRecord(document), JournalChannel.WEB);
        return MessagingWeb.afterPost(outcome, BASE, BASE + "/nouveau", redirect, texts, codes);
    }

    @GetMapping("/pieces-jointes/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session) {
        return MessagingWeb.download(conversations, actingFor.currentActor(user, session), id);
    }

    @PostMapping("/pieces-jointes/{id}/classer")
    String file(@PathVariable String id, @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String titre,
            @RequestParam(defaultValue = "") String date, @RequestParam(name = "conversation") String conversation,
            @AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        return MessagingWeb.file(conversations, actingFor.currentActor(user, session), id, type, titre, date,
                BASE + "/" + MessagingWeb.conversationId(conversation), redirect, texts, codes);
    }

    private static List<NewAttachment> fromRecord(String document) {
        List<NewAttachment> out = new ArrayList<>();
        if (document != null && document.length() == 36) {
            try {
                out.add(new NewAttachment.FromRecord(new DocumentId(UUID.fromString(document))));
            } catch (IllegalArgumentException e) {
                // Not an id: treated as no attachment (the select only offers ids).
            }
        }
        return out;
    }
}
