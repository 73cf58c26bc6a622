package fr.hygie.web.messaging;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.messaging.AttachmentContent;
import fr.hygie.messaging.AttachmentId;
import fr.hygie.messaging.ConversationId;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.FileOutcome;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import fr.hygie.record.DocumentTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the person's and the professional's messaging pages share: opening, downloading, filing. */
final class MessagingWeb {

    /** Shown prominently wherever a person writes (DOMAIN: "not for emergencies: the interface says so"). */
    static final String EMERGENCY = "La messagerie n'est pas faite pour les urgences : appelez le 15 (ou le 112).";

    private MessagingWeb() {
    }

    static ConversationId conversationId(String id) {
        return ConversationId.parse(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static AttachmentId attachmentId(String id) {
        return AttachmentId.parse(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static String conversation(Conversations conversations, Actor actor, String id, String base, Model model) {
        var view = conversations.open(actor, conversationId(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("view", view);
        model.addAttribute("base", base);
        model.addAttribute("types", DocumentTypes.bundled().all());
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("emergency", EMERGENCY);
        return "messaging/conversation";
    }

    /** The attachment as a download, never rendered as active content. */
    static ResponseEntity<byte[]> download(Conversations conversations, Actor actor, String id) {
        AttachmentContent a = conversations.attachment(actor, attachmentId(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.attachment().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(a.bytes());
    }

    static String file(Conversations conversations, Actor actor, String id, String type, String title, String date, String back,
            RedirectAttributes redirect, WebMessages texts, fr.hygie.web.Codes codes) {
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.now() : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("error", texts.get("record.dateFormat"));
            return "redirect:" + back;
        }
        FileOutcome outcome = conversations.fileIntoRecord(actor, attachmentId(id), type, title, day, JournalChannel.WEB);
        if (outcome instanceof FileOutcome.Filed) {
            redirect.addFlashAttribute("message", texts.get("messaging.flash.filed"));
        } else {
            FileOutcome.Refused refused = (FileOutcome.Refused) outcome;
            redirect.addFlashAttribute("error", codes.say(refused.wording(), List.of(), refused.message()));
        }
        return "redirect:" + back;
    }

    static List<NewAttachment> upload(MultipartFile file) {
        List<NewAttachment> out = new ArrayList<>();
        if (file != null && !file.isEmpty()) {
            try {
                out.add(new NewAttachment.Upload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** After a post: back to the conversation, or the refusal in plain words. */
    static String afterPost(PostOutcome outcome, String base, String back, RedirectAttributes redirect, WebMessages texts,
            fr.hygie.web.Codes codes) {
        if (outcome instanceof PostOutcome.Posted posted) {
            redirect.addFlashAttribute("message", texts.get("messaging.flash.sent"));
            return "redirect:" + base + "/" + posted.conversation();
        }
        PostOutcome.Refused refused = (PostOutcome.Refused) outcome;
        redirect.addFlashAttribute("error", codes.say(refused.wording(), List.of(), refused.message()));
        return "redirect:" + back;
    }
}
