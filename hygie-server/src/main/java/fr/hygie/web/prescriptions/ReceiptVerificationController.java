package fr.hygie.web.prescriptions;

import fr.hygie.prescriptions.Prescriptions;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Public: the key that signs dispensation receipts, and a page (and a JSON API) that tells whether a
 * receipt is authentic. Anyone holding a receipt — patient, prescriber, insurer — may check it.
 */
@Controller
class ReceiptVerificationController {

    private final Prescriptions prescriptions;

    ReceiptVerificationController(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @GetMapping(value = "/ordonnances/cle-publique", produces = "application/x-pem-file")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("X-Key-Id", prescriptions.receiptKeyId()).body(prescriptions.receiptPublicKeyPem());
    }

    @GetMapping("/ordonnances/verification")
    String form(Model model) {
        model.addAttribute("keyId", prescriptions.receiptKeyId());
        return "prescriptions/verify";
    }

    @PostMapping(value = "/ordonnances/verification", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String verify(@RequestParam(name = "recu", defaultValue = "") String payload,
            @RequestParam(name = "signature", defaultValue = "") String signature, Model model) {
        model.addAttribute("keyId", prescriptions.receiptKeyId());
        model.addAttribute("recu", payload);
        model.addAttribute("signature", signature);
        model.addAttribute("valid", prescriptions.verifyReceipt(payload, signature));
        return "prescriptions/verify";
    }

    /** The same check for programs: {@code {"payload": "...", "signature": "..."}} → {@code {"valid": true}}. */
    record VerifyRequest(String payload, String signature) {
    }

    record VerifyResponse(boolean valid, String keyId) {
    }

    @PostMapping(value = "/ordonnances/verification", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    VerifyResponse verifyJson(@RequestBody VerifyRequest request) {
        return new VerifyResponse(prescriptions.verifyReceipt(request.payload(), request.signature()), prescriptions.receiptKeyId());
    }
}
