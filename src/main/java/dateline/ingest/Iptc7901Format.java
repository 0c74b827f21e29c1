package dateline.ingest;

import dateline.ingest.WireItem.Subject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTC 7901, the classic text wire: SOH, a header line (service and number, priority, category, word
 * count, agency), the keyword line, STX, the text, ETX, the filing time ({@code DDHHMM Mon YY}), EOT.
 * In the text, the heading block runs to the first line ending in " =": notes in brackets
 * ("(Berichtigung: …)"), the headline, a "By"/"Von" byline; then the body, paragraphs parted by
 * blank lines, up to the agency's sign-off line. The agency's desk notes after a "# Notizblock" line
 * are not part of the story and are left out. Bytes that are not valid UTF-8 are read as ISO-8859-1;
 * CRLF and LF both work.
 *
 * <p>7901 carries no identifier or version: the identity is the keyword line and category with the
 * headline, and a changed text under the same identity is the next version (counted by the queue).
 */
public final class Iptc7901Format implements WireFormat {
    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final Pattern HEADER = Pattern.compile("^(\\S+)\\s+(\\d)\\s+(\\S+)\\s+(\\d+)?\\s*(.*)$");
    private static final Pattern BYLINE = Pattern.compile("^(By|Von|Par|Por|Di|Door|Av)\\s+.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATELINE = Pattern.compile("^([^()\\n]{2,60}?)\\s*\\(([^)]{2,30})\\)\\s*[-–—]\\s*", Pattern.MULTILINE);
    private static final DateTimeFormatter FILED = DateTimeFormatter.ofPattern("ddHHmm MMM yy", Locale.ENGLISH);

    @Override
    public String name() {
        return "iptc7901";
    }

    @Override
    public boolean recognizes(byte[] head) {
        return head.length > 0 && head[0] == SOH || head.length > 1 && head[0] == '\n' && head[1] == SOH;
    }

    @Override
    public List<WireItem> read(byte[] document) throws Refused {
        String text = decode(document).replace("\r\n", "\n").replace('\r', '\n');
        int soh = text.indexOf(SOH);
        int stx = text.indexOf(STX);
        if (soh < 0 || stx < soh) {
            throw new Refused("IPTC 7901: no SOH … STX heading (control characters 0x01, 0x02) found: not a 7901 message");
        }
        int etx = text.indexOf(ETX, stx);
        List<String> warnings = new ArrayList<>();
        if (etx < 0) {
            warnings.add("no ETX (0x03) at the end of the text: read to the end of the file");
            etx = text.length();
        }
        String[] heading = text.substring(soh + 1, stx).split("\n");
        Matcher header = HEADER.matcher(heading[0].strip());
        Integer priority = null;
        String category = "";
        String agency = "";
        if (header.matches()) {
            priority = Integer.valueOf(header.group(2));
            category = header.group(3);
            String[] rest = header.group(5).strip().split("\\s+");
            agency = rest.length > 0 ? rest[0] : "";
        } else {
            warnings.add("header line \"" + WireText.shorten(heading[0].strip()) + "\" is not \"service priority category words agency\"");
        }
        String keywords = "";
        for (int i = 1; i < heading.length; i++) {
            if (!heading[i].isBlank()) {
                keywords = heading[i].strip();
                break;
            }
        }
        List<String> lines = List.of(text.substring(stx + 1, etx).split("\n", -1));
        int headEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).stripTrailing().endsWith("=")) {
                headEnd = i;
                break;
            }
            if (lines.get(i).isBlank() && i > 0) {
                break; // no "=": the heading ends at the first blank line
            }
        }
        List<String> headLines = new ArrayList<>();
        int bodyStart;
        if (headEnd < 0) {
            warnings.add("no heading line ending in \" =\": the first paragraph is taken as the headline");
            int blank = lines.indexOf("");
            headLines.addAll(lines.subList(0, blank < 0 ? Math.min(1, lines.size()) : blank));
            bodyStart = blank < 0 ? headLines.size() : blank;
        } else {
            headLines.addAll(lines.subList(0, headEnd + 1));
            bodyStart = headEnd + 1;
        }
        StringBuilder headline = new StringBuilder();
        String byline = "";
        List<String> notes = new ArrayList<>();
        boolean inNote = false;
        for (String raw : headLines) {
            String line = raw.strip().replaceFirst("\\s*=$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (inNote || line.startsWith("(")) {
                notes.add(line);
                inNote = !line.endsWith(")");
            } else if (BYLINE.matcher(line).matches()) {
                byline = line;
            } else {
                headline.append(headline.isEmpty() ? "" : " ").append(line);
            }
        }
        List<String> body = new ArrayList<>(lines.subList(bodyStart, lines.size()));
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).strip().matches("#+\\s*Notizblock.*")) {
                body = new ArrayList<>(body.subList(0, i));
                break;
            }
        }
        // the sign-off ("dpa kre/su yysw a3 lön mda") is the last line of the text when it starts with the agency
        for (int i = body.size() - 1; i >= 0; i--) {
            if (body.get(i).isBlank()) {
                continue;
            }
            if (!agency.isEmpty() && body.get(i).strip().startsWith(agency + " ")) {
                body.remove(i);
            }
            break;
        }
        String bodyText = String.join("\n", body).strip();
        String place = "";
        Matcher dateline = DATELINE.matcher(bodyText);
        if (dateline.find()) {
            place = dateline.group(1).strip();
        }
        String filed = text.substring(etx).replace(String.valueOf(ETX), "").strip().split("\n")[0].strip();
        java.time.Instant created = null;
        if (!filed.isEmpty()) {
            try {
                created = LocalDateTime.parse(filed, FILED).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                warnings.add("filing time \"" + WireText.shorten(filed) + "\" is not DDHHMM Mon YY: ignored");
            }
        }
        if (headline.isEmpty()) {
            throw new Refused("IPTC 7901: the message has no headline");
        }
        String description = String.join(" ", notes);
        List<Subject> subjects = new ArrayList<>();
        if (!category.isEmpty()) {
            subjects.add(new Subject("iptc7901-category:" + category, ""));
        }
        List<String> keywordList = keywords.isEmpty() ? List.of()
                : List.of(keywords.split("/")).stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        String guid = "iptc7901:" + WireText.sha256(category + "\n" + keywords + "\n" + headline).substring(0, 32);
        return List.of(new WireItem(guid, null, "text", headline.toString(), keywords, byline, place, "", priority, null, null, created,
                null, description, WireText.sanitize(WireText.paragraphs(bodyText)), subjects, keywordList, List.of(), List.of(), warnings));
    }

    /** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (the 8-bit wires). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
