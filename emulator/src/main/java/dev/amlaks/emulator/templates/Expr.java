package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed template language expression: the part of a {@code "[...]"} string between its brackets. */
sealed interface Expr {

    /** A string or number written in the expression. */
    record Literal(JsonNode value) implements Expr {
    }

    /** {@code name(arg, ...)}. */
    record Call(String name, List<Expr> args) implements Expr {
    }

    /** {@code target.name}. */
    record Property(Expr target, String name) implements Expr {
    }

    /** {@code target[index]}. */
    record Index(Expr target, Expr index) implements Expr {
    }

    /** Every function this expression calls, outermost first (what a static check of a template walks). */
    default void calls(java.util.function.Consumer<Call> each) {
        if (this instanceof Call c) {
            each.accept(c);
            c.args().forEach(a -> a.calls(each));
        } else if (this instanceof Property p) {
            p.target().calls(each);
        } else if (this instanceof Index i) {
            i.target().calls(each);
            i.index().calls(each);
        }
    }
}
