package io.tarn.glue.catalog.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive descent over the expression grammar, binding key names to the table's partition keys as it goes:
 * <pre>
 * or        := and (OR and)*
 * and       := not (AND not)*
 * not       := NOT not | '(' or ')' | predicate
 * predicate := operand op operand              (one a key, the other a literal)
 *            | key [NOT] IN '(' literal (',' literal)* ')'
 *            | key [NOT] BETWEEN literal AND literal
 *            | key [NOT] LIKE string
 *            | key IS [NOT] NULL
 * </pre>
 */
final class Parser {

    private final String source;
    private final List<Token> tokens;
    private final List<PartitionKey> keys;
    private int next;

    private Parser(String source, List<PartitionKey> keys) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
        this.keys = keys;
    }

    static Condition parse(String source, List<PartitionKey> keys) {
        Parser parser = new Parser(source, keys);
        Condition condition = parser.or();
        Token last = parser.peek();
        if (last.kind() != Token.Kind.END) {
            throw parser.error(last, "extraneous input " + last.quoted() + " expecting <EOF>");
        }
        return condition;
    }

    private Condition or() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            next++;
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            next++;
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        Token token = peek();
        if (token.isKeyword("NOT")) {
            next++;
            return new Condition.Not(not());
        }
        if (token.kind() == Token.Kind.LPAREN) {
            next++;
            Condition inner = or();
            expect(Token.Kind.RPAREN, "')'");
            return inner;
        }
        return predicate();
    }

    private Condition predicate() {
        Token first = take();
        if (first.kind() == Token.Kind.STRING || first.kind() == Token.Kind.NUMBER) {
            // literal op key
            Token op = expect(Token.Kind.OPERATOR, "comparison operator");
            Token second = take();
            if (second.kind() != Token.Kind.IDENTIFIER) {
                throw mismatched(second, "a partition key");
            }
            int key = key(second);
            return new Condition.Comparison(key, Condition.Operator.of(op.text()).flipped(), literal(key, first));
        }
        if (first.kind() != Token.Kind.IDENTIFIER) {
            throw mismatched(first, "a partition key or a literal");
        }
        int key = key(first);
        Token op = take();
        if (op.kind() == Token.Kind.OPERATOR) {
            return new Condition.Comparison(key, Condition.Operator.of(op.text()), literal(key, take()));
        }
        if (op.isKeyword("IS")) {
            boolean negated = peek().isKeyword("NOT");
            if (negated) {
                next++;
            }
            expectKeyword("NULL");
            return negate(negated, new Condition.IsNull(key));
        }
        boolean negated = op.isKeyword("NOT");
        if (negated) {
            op = take();
        }
        if (op.isKeyword("IN")) {
            return negate(negated, in(key));
        }
        if (op.isKeyword("BETWEEN")) {
            Comparable<?> low = literal(key, take());
            expectKeyword("AND");
            return negate(negated, new Condition.Between(key, low, literal(key, take())));
        }
        if (op.isKeyword("LIKE")) {
            return negate(negated, like(key, take()));
        }
        throw mismatched(op, negated ? "{IN, BETWEEN, LIKE}" : "a comparison operator, IN, BETWEEN, LIKE or IS");
    }

    private Condition in(int key) {
        expect(Token.Kind.LPAREN, "'('");
        List<Comparable<?>> literals = new ArrayList<>();
        literals.add(literal(key, take()));
        while (peek().kind() == Token.Kind.COMMA) {
            next++;
            literals.add(literal(key, take()));
        }
        expect(Token.Kind.RPAREN, "{',', ')'}");
        return new Condition.In(key, List.copyOf(literals));
    }

    private Condition like(int key, Token pattern) {
        String refusal = KeyType.of(keys.get(key).type()).likeRefusal();
        if (refusal != null) {
            throw PartitionExpressionException.invalidInput(refusal);
        }
        if (pattern.kind() != Token.Kind.STRING) {
            throw mismatched(pattern, "a string literal");
        }
        return Condition.Like.of(key, pattern.text());
    }

    private static Condition negate(boolean negated, Condition condition) {
        return negated ? new Condition.Not(condition) : condition;
    }

    /** The index of the partition key a name denotes; names compare case-insensitively, as Glue lower-cases them. */
    private int key(Token name) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().toLowerCase(Locale.ROOT).equals(name.text().toLowerCase(Locale.ROOT))) {
                KeyType.of(keys.get(i).type()); // a key of a type Glue cannot filter on is refused
                return i;
            }
        }
        throw PartitionExpressionException.unknownKey();
    }

    /** A literal parsed by the key's type; a literal that does not fit the type is refused with Glue's words. */
    private Comparable<?> literal(int key, Token token) {
        if (token.kind() != Token.Kind.STRING && token.kind() != Token.Kind.NUMBER) {
            throw mismatched(token, "a literal");
        }
        try {
            return KeyType.of(keys.get(key).type()).parse(token.text());
        } catch (IllegalArgumentException e) {
            throw PartitionExpressionException.invalidInput(e.getMessage());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }

    private Token expect(Token.Kind kind, String expected) {
        Token token = take();
        if (token.kind() != kind) {
            throw mismatched(token, expected);
        }
        return token;
    }

    private void expectKeyword(String keyword) {
        Token token = take();
        if (!token.isKeyword(keyword)) {
            throw mismatched(token, keyword);
        }
    }

    private PartitionExpressionException mismatched(Token token, String expected) {
        return error(token, "mismatched input " + token.quoted() + " expecting " + expected);
    }

    private PartitionExpressionException error(Token token, String detail) {
        return PartitionExpressionException.syntax(source, token.column(), detail);
    }
}
