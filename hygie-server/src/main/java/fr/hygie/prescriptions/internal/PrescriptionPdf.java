package fr.hygie.prescriptions.internal;

import com.google.zxing.common.BitMatrix;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The printable prescription (OpenPDF), for people without a smartphone: who, what, the number, the
 * access code and the QR code. Written uncompressed, with standard fonts and the QR code drawn as
 * vector squares: no binary stream, so the record module's active-content check never mistakes random
 * bytes for a script. The QR payload is also kept in the document information ({@code HygieQr}) so the
 * patient's page can draw the QR again from the patient's own copy — the only place the code is kept.
 */
public final class PrescriptionPdf {

    static final String QR_KEY = "HygieQr";

    /** What the page shows. */
    public record Content(String title, String number, String accessCode, String qrPayload, String patientName, String patientBirth,
            String prescriberName, String prescriberRpps, String structure, String signedOn, String validUntil, List<String[]> lines) {
    }

    private PrescriptionPdf() {
    }

    public static byte[] write(Content c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setCompressionLevel(0);
            writer.getInfo().put(new PdfName(QR_KEY), new PdfString(c.qrPayload()));
            doc.addTitle(c.title());
            doc.addCreator("Hygie");
            doc.open();
            BaseFont base = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            BaseFont bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            Font normal = new Font(base, 11);
            Font strong = new Font(bold, 11);
            Font heading = new Font(bold, 16);
            doc.add(new Paragraph(c.title(), heading));
            doc.add(new Paragraph(" ", normal));
            doc.add(new Paragraph("Prescripteur : " + c.prescriberName() + " (RPPS " + c.prescriberRpps() + ")", normal));
            if (c.structure() != null) {
                doc.add(new Paragraph(c.structure(), normal));
            }
            doc.add(new Paragraph("Patient : " + c.patientName() + ", né(e) le " + c.patientBirth(), normal));
            doc.add(new Paragraph("Date : " + c.signedOn() + " — valable jusqu'au " + c.validUntil(), normal));
            doc.add(new Paragraph(" ", normal));
            for (String[] line : c.lines()) {
                Paragraph p = new Paragraph();
                p.add(new Chunk(line[0], strong));
                p.add(new Chunk("\n" + line[1], normal));
                p.setSpacingAfter(6);
                doc.add(p);
            }
            doc.add(new Paragraph(" ", normal));
            doc.add(new Paragraph("N° d'ordonnance : " + c.number(), strong));
            doc.add(new Paragraph("Code d'accès : " + c.accessCode(), strong));
            doc.add(new Paragraph("Présentez ce document ou son code QR en pharmacie ou au laboratoire. "
                    + "Le code d'accès ne sert qu'une fois : ne le communiquez qu'au professionnel qui vous délivre.", normal));
            drawQr(writer.getDirectContent(), QrCodes.matrix(c.qrPayload()), doc.right() - 150, doc.bottom(), 150);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot write the prescription PDF", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The QR payload kept in a prescription PDF written here, if any. */
    public static Optional<String> qrPayload(byte[] pdf) {
        try {
            PdfReader reader = new PdfReader(pdf);
            try {
                return Optional.ofNullable(reader.getInfo().get(QR_KEY));
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void drawQr(PdfContentByte cb, BitMatrix m, float x, float y, float size) {
        float module = size / m.getWidth();
        cb.saveState();
        cb.setRGBColorFill(0, 0, 0);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    cb.rectangle(x + col * module, y + (m.getHeight() - 1 - row) * module, module, module);
                }
            }
        }
        cb.fill();
        cb.restoreState();
    }
}
