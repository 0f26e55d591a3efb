package dev.amlaks.emulator.templates;

/**
 * A template that cannot be deployed as written: what is wrong, in ARM's words, and where (the
 * JSON path in the template, and the line and column of the request body it was sent in, when known).
 */
public final class TemplateException extends RuntimeException {

    private final String path;
    private final int line;
    private final int column;

    public TemplateException(String message) {
        this(message, null, 0, 0);
    }

    public TemplateException(String message, String path, int line, int column) {
        super(message);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** The same problem, placed at {@code path}, unless it already has a place. */
    public TemplateException at(String atPath, Positions positions) {
        if (path != null || atPath == null) {
            return this;
        }
        return in("value '" + atPath + "'", atPath, positions);
    }

    /** This problem as a part of the template ({@code subject}: "resource 'name'", "parameter 'p'") at {@code atPath} says it. */
    public TemplateException in(String subject, String atPath, Positions positions) {
        if (path != null) {
            return this;
        }
        Positions.Position p = positions.of(atPath);
        String where = p.line() > 0 ? " at line '" + p.line() + "' and column '" + p.column() + "'" : "";
        return new TemplateException("The template " + subject + where + " is not valid: " + getMessage(), atPath, p.line(), p.column());
    }

    /** The JSON path of the offending value in the template, or null. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

}
