package dev.kubelab.repl;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.OrderedListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;

/** Lesson Markdown → lines of styled terminal text (flexmark AST walked by hand; wrapped to a width). */
public final class MarkdownView {

    private static final Parser PARSER = Parser.builder().build();

    private final int width;

    public MarkdownView(int width) {
        this.width = Math.max(40, width);
    }

    public List<AttributedString> render(String markdown) {
        List<AttributedString> out = new ArrayList<>();
        Node doc = PARSER.parse(markdown);
        blocks(doc, "  ", out);
        while (!out.isEmpty() && out.get(out.size() - 1).length() == 0) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private void blocks(Node parent, String indent, List<AttributedString> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, indent, out);
        }
    }

    private void block(Node n, String indent, List<AttributedString> out) {
        {
            if (n instanceof Paragraph) {
                wrap(inline(n, AttributedStyle.DEFAULT), indent, indent, out);
                out.add(AttributedString.EMPTY);
            } else if (n instanceof Heading h) {
                AttributedStringBuilder b = new AttributedStringBuilder();
                b.append(inline(h, AttributedStyle.BOLD));
                wrap(b.toAttributedString(), indent, indent, out);
                out.add(AttributedString.EMPTY);
            } else if (n instanceof BulletList || n instanceof OrderedList) {
                int i = n instanceof OrderedList ol ? ol.getStartNumber() : 1;
                for (Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem li) {
                        String bullet = item instanceof OrderedListItem ? (i++) + ". " : "• ";
                        listItem(li, indent, bullet, out);
                    }
                }
                out.add(AttributedString.EMPTY);
            } else if (n instanceof FencedCodeBlock f) {
                code(f.getContentChars().toString(), indent, out);
            } else if (n instanceof IndentedCodeBlock c) {
                code(c.getContentChars().toString(), indent, out);
            } else if (n instanceof BlockQuote) {
                List<AttributedString> inner = new ArrayList<>();
                blocks(n, "", inner);
                for (AttributedString s : inner) {
                    out.add(new AttributedStringBuilder().append(indent).styled(Console.DIM, "│ ").append(s).toAttributedString());
                }
            } else if (n instanceof ThematicBreak) {
                out.add(new AttributedString(indent + "─".repeat(Math.min(40, width - indent.length())), Console.DIM));
                out.add(AttributedString.EMPTY);
            } else if (n.hasChildren()) {
                blocks(n, indent, out);
            } else {
                String text = n.getChars().toString().strip();
                if (!text.isEmpty()) {
                    wrap(new AttributedString(text), indent, indent, out);
                }
            }
        }
    }

    private void listItem(ListItem li, String indent, String bullet, List<AttributedString> out) {
        String hang = indent + " ".repeat(bullet.length());
        boolean first = true;
        for (Node c = li.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Paragraph) {
                wrap(inline(c, AttributedStyle.DEFAULT), first ? indent + bullet : hang, hang, out);
            } else {
                block(c, hang, out);
            }
            first = false;
        }
    }

    private void code(String text, String indent, List<AttributedString> out) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            out.add(new AttributedString(indent + "  " + line, Console.CODE));
        }
        out.add(AttributedString.EMPTY);
    }

    static AttributedString inline(Node parent, AttributedStyle style) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        inline(parent, style, b);
        return b.toAttributedString();
    }

    private static void inline(Node parent, AttributedStyle style, AttributedStringBuilder b) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text) {
                b.styled(style, n.getChars().toString());
            } else if (n instanceof Code c) {
                b.styled(Console.CODE, c.getText().toString());
            } else if (n instanceof StrongEmphasis) {
                inline(n, style.bold(), b);
            } else if (n instanceof Emphasis) {
                inline(n, style.italic(), b);
            } else if (n instanceof Link l) {
                inline(n, style.underline(), b);
                String url = l.getUrl().toString();
                if (!url.isEmpty() && !url.startsWith("#")) {
                    b.styled(Console.DIM, " (" + url + ")");
                }
            } else if (n instanceof SoftLineBreak) {
                b.append(' ');
            } else if (n instanceof HardLineBreak) {
                b.append('\n');
            } else if (n.hasChildren()) {
                inline(n, style, b);
            } else {
                b.styled(style, n.getChars().toString());
            }
        }
    }

    /** Word-wraps styled text; {@code first} prefixes the first line, {@code rest} the others. */
    void wrap(AttributedString text, String first, String rest, List<AttributedString> out) {
        for (AttributedString para : splitLines(text)) {
            String prefix = first;
            int start = 0;
            int len = para.length();
            while (start < len) {
                int room = width - prefix.length();
                int end = Math.min(len, start + room);
                if (end < len) {
                    int space = lastSpace(para, start, end);
                    if (space > start) {
                        end = space;
                    }
                }
                out.add(new AttributedStringBuilder().append(prefix).append(para.subSequence(start, end)).toAttributedString());
                start = end;
                while (start < len && para.charAt(start) == ' ') {
                    start++;
                }
                prefix = rest;
            }
            first = rest;
        }
    }

    private static List<AttributedString> splitLines(AttributedString s) {
        List<AttributedString> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                lines.add(s.subSequence(from, i));
                from = i + 1;
            }
        }
        lines.add(s.subSequence(from, s.length()));
        return lines;
    }

    private static int lastSpace(AttributedString s, int from, int to) {
        for (int i = to; i > from; i--) {
            if (s.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }
}
