package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The template language's expression grammar: function calls with string, integer and nested
 * call arguments, then {@code .property} and {@code [index]} accessors, as in
 * {@code [reference(resourceId('Microsoft.Storage/storageAccounts', variables('name'))).primaryEndpoints.blob]}.
 */
final class ExpressionParser {

    private final String text;
    private int at;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** Whether a JSON string is an expression: {@code [...]}, and not {@code [[...} (a literal that starts with a bracket). */
    static boolean isExpression(String s) {
        return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' && s.charAt(1) != '[';
    }

    /** The string a non-expression means: {@code [[x]} is the literal {@code [x]}. */
    static String literal(String s) {
        return s.startsWith("[[") ? s.substring(1) : s;
    }

    /** Parses the inside of {@code [ ... ]}. */
    static Expr parse(String expression) {
        String inner = expression.substring(1, expression.length() - 1);
        ExpressionParser p = new ExpressionParser(inner);
        p.skipSpace();
        if (p.at >= inner.length()) {
            throw p.error("the expression is empty");
        }
        Expr e = p.expression();
        p.skipSpace();
        if (p.at < inner.length()) {
            throw p.error("expected the end of the expression and found '" + inner.charAt(p.at) + "'");
        }
        return e;
    }

    private Expr expression() {
        skipSpace();
        Expr e = primary();
        while (true) {
            skipSpace();
            if (peek('.')) {
                at++;
                skipSpace();
                e = new Expr.Property(e, identifier());
            } else if (peek('[')) {
                at++;
                Expr index = expression();
                skipSpace();
                expect(']');
                e = new Expr.Index(e, index);
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        if (at >= text.length()) {
            throw error("the expression ended where a value was expected");
        }
        char c = text.charAt(at);
        if (c == '\'') {
            return new Expr.Literal(JsonNodeFactory.instance.textNode(string()));
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = at++;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            String digits = text.substring(start, at);
            try {
                return new Expr.Literal(JsonNodeFactory.instance.numberNode(Long.parseLong(digits)));
            } catch (NumberFormatException e) {
                throw error("'" + digits + "' is not an integer");
            }
        }
        String name = identifier();
        skipSpace();
        if (!peek('(')) {
            if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                return new Expr.Literal(JsonNodeFactory.instance.booleanNode(name.equalsIgnoreCase("true")));
            }
            if (name.equalsIgnoreCase("null")) {
                return new Expr.Literal(JsonNodeFactory.instance.nullNode());
            }
            throw error("expected '(' after the function name '" + name + "'");
        }
        at++;
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (peek(')')) {
            at++;
            return new Expr.Call(name, args);
        }
        while (true) {
            args.add(expression());
            skipSpace();
            if (peek(',')) {
                at++;
            } else {
                expect(')');
                return new Expr.Call(name, args);
            }
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\'') {
                if (peek('\'')) {
                    out.append('\'');
                    at++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
        throw error("a string is not closed with a single quote");
    }

    private String identifier() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '$')) {
            at++;
        }
        if (start == at) {
            throw error(at < text.length() ? "unexpected character '" + text.charAt(at) + "'" : "the expression ended where a name was expected");
        }
        return text.substring(start, at);
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "' and found " + (at < text.length() ? "'" + text.charAt(at) + "'" : "the end of the expression"));
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private TemplateException error(String what) {
        return new TemplateException("Unable to parse language expression '" + text + "': " + what + " at position " + (at + 1) + ".");
    }
}
