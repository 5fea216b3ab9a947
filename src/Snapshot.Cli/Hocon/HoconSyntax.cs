namespace Snapshot.Cli.Hocon;

/// <summary>
/// A strict grammar check of a HOCON text, run before Akka.NET's parser sees it. That parser loops forever, allocating
/// until memory runs out, on some malformed inputs (<c>a = ["x" }</c>, <c>a = [1 = 2]</c>, <c>${?x}</c> in an array, a
/// key without a value in an object in an array), and reads others silently wrong (an unclosed <c>{</c> is accepted,
/// a stray <c>}</c> ends the file early). Those traps cannot be listed one by one, and a parse cannot be abandoned
/// once it spins, so this reads the whole grammar the way Akka's tokenizer does (the same characters end a key or an
/// unquoted value, escapes in both kinds of quotes): a text it accepts, Akka reads in step with it, token for token,
/// and so to its end. It is stricter than Akka where Akka guesses: every key has a value, every bracket is closed by
/// its own kind, values are separated by a line break or a comma.
/// </summary>
public sealed class HoconSyntax
{
    /// <summary>Deeper nesting is refused: both this check and Akka's parser recurse once per level.</summary>
    public const int MaxDepth = 64;

    // Akka.NET's tokenizer: the characters that end an unquoted key, and an unquoted value.
    private const string NotInUnquotedKey = "$\"{}[]:=,#`^?!@*&\\.";
    private const string NotInUnquotedText = "$\"{}[]:=,#`^?!@*&\\";
    private const string TripleQuote = "\"\"\"";

    private readonly string _text;
    private int _index;
    private int _line = 1;
    private int _depth;

    private HoconSyntax(string text) => _text = text;

    /// <exception cref="HoconSyntaxException">The text is not HOCON that Akka.NET reads as written.</exception>
    public static void Check(string text) => new HoconSyntax(text).Document();

    private bool EndOfText => _index >= _text.Length;

    private char Current => _text[_index];

    private void Document()
    {
        SkipBlank();
        if (!EndOfText && Current == '{')
        {
            // The whole file as one object, JSON-style.
            Object();
            SkipBlank();
            if (!EndOfText)
                throw Error($"'{Current}' after the '}}' that closes the file's outermost '{{'");
        }
        else
        {
            Fields(closedBy: null, openedOnLine: 0);
        }
    }

    /// <summary>Fields up to the <c>}</c> that closes them (consumed by the caller), or to the end of the file at the top.</summary>
    private void Fields(char? closedBy, int openedOnLine)
    {
        while (true)
        {
            SkipBlank();
            if (EndOfText)
            {
                if (closedBy is null)
                    return;
                throw new HoconSyntaxException(openedOnLine, $"the '{{' on line {openedOnLine} is never closed by a '}}'");
            }
            switch (Current)
            {
                case '}' when closedBy == '}':
                    return;
                case '}':
                    throw Error("'}' closes no '{'");
                case ']':
                    throw Error(closedBy is null ? "']' closes no '['" : $"']' where the '{{' on line {openedOnLine} expects its '}}'");
            }
            Field();
            SkipSpaces();
            if (!EndOfText && Current == ',')
                _index++;
            else if (!EndOfText && !char.IsWhiteSpace(Current) && Current != '}' && !IsCommentStart())
                throw Error($"'{Current}' after a value: a field ends at a line break or a ','");
        }
    }

    private void Field()
    {
        var key = Key();
        SkipBlank();
        if (EndOfText)
            throw Error($"'{key}' has no value: expected '=', ':' or '{{' after it");
        if (key == "include" && Current == '"')
            throw Error("'include' is not supported: Akka.NET's HOCON parser does not read included files; put the settings in this file");
        switch (Current)
        {
            case '=' or ':':
                _index++;
                SkipBlank();
                Value($"'{key}' has no value after its '='");
                break;
            case '{':
                Object();
                break;
            default:
                throw Error($"'{key}' has no value: expected '=', ':' or '{{' after it, found '{Current}'");
        }
    }

    /// <summary>A path like <c>akka.remote."dot-netty".tcp</c>; returns it as written, for messages.</summary>
    private string Key()
    {
        var start = _index;
        while (true)
        {
            if (Matches(TripleQuote))
            {
                throw Error("a key cannot be in \"\"\": quote it with '\"'");
            }
            if (!EndOfText && Current == '"')
            {
                Quoted();
            }
            else
            {
                var part = _index;
                while (!EndOfText && Current != '\n' && !IsCommentStart() && !NotInUnquotedKey.Contains(Current))
                    _index++;
                if (_text[part.._index].Trim().Length == 0)
                    throw Error(EndOfText ? "a key is missing at the end of the file" : $"expected a key, found '{Current}'");
            }
            if (EndOfText || Current != '.')
                return _text[start.._index].Trim();
            _index++;
        }
    }

    /// <summary>A value: one or more parts on one line, concatenated as Akka does (<c>a = 10 s</c>, <c>a = ${b} c</c>).</summary>
    private void Value(string missing)
    {
        var parts = 0;
        while (!EndOfText)
        {
            if (Current == '{')
                Object();
            else if (Current == '[')
                Array();
            else if (Current == '"')
                Quoted();
            else if (Matches("${"))
                Substitution();
            else if (IsUnquotedText())
                while (IsUnquotedText())
                    _index++;
            else
                break;
            parts++;
            SkipSpaces();
        }
        if (parts == 0)
            throw Error(EndOfText ? $"{missing} at the end of the file" : $"{missing}: expected a value, found '{Current}'");
    }

    private void Object()
    {
        var line = Open();
        Fields(closedBy: '}', openedOnLine: line);
        Close();
    }

    private void Array()
    {
        var line = Open();
        while (true)
        {
            SkipBlank();
            if (EndOfText)
                throw new HoconSyntaxException(line, $"the '[' on line {line} is never closed by a ']'");
            if (Current == ']')
                break;
            if (Current == '}')
                throw Error($"'}}' where the '[' on line {line} expects its ']'");
            Value($"an element of the '[' on line {line} is missing");
            SkipBlank();
            if (!EndOfText && Current == ',')
                _index++;
        }
        Close();
    }

    /// <summary>Steps over the <c>{</c> or <c>[</c> at the current position; returns its line.</summary>
    private int Open()
    {
        if (++_depth > MaxDepth)
            throw Error($"nested deeper than {MaxDepth} levels of '{{' and '['");
        _index++;
        return _line;
    }

    private void Close()
    {
        _depth--;
        _index++;
    }

    /// <summary>A quoted string, <c>"…"</c> on one line or <c>"""…"""</c> over several, with the escapes Akka reads in both.</summary>
    private void Quoted()
    {
        var line = _line;
        var triple = Matches(TripleQuote);
        _index += triple ? 3 : 1;
        while (true)
        {
            if (EndOfText || (!triple && Current == '\n'))
                throw new HoconSyntaxException(line, triple
                    ? $"the string opened with \"\"\" on line {line} is never closed"
                    : $"the string opened with '\"' on line {line} is not closed on that line (\"\"\" quotes a text of several lines)");
            if (triple ? Matches(TripleQuote) : Current == '"')
                break;
            if (Current == '\\')
                Escape();
            else
                Step();
        }
        _index += triple ? 3 : 1;
    }

    private void Escape()
    {
        var escaped = _index + 1 < _text.Length ? _text[_index + 1] : '\0';
        if ("\"\\/bfnrt".Contains(escaped) && escaped != '\0')
        {
            _index += 2;
            return;
        }
        if (escaped == 'u' && _index + 6 <= _text.Length && _text.Substring(_index + 2, 4).All(Uri.IsHexDigit))
        {
            _index += 6;
            return;
        }
        throw Error(escaped == 'u' ? "'\\u' must be followed by 4 hex digits" : $"unknown escape '\\{escaped}' in a quoted string (write '\\\\' for a backslash)");
    }

    /// <summary><c>${path}</c>: Akka reads the path up to the first character that ends an unquoted value, and takes that to be the <c>}</c>.</summary>
    private void Substitution()
    {
        _index += 2;
        if (!EndOfText && Current == '?')
            throw Error("optional substitutions, '${?…}', are not supported by Akka.NET's HOCON parser");
        var start = _index;
        while (IsUnquotedText())
            _index++;
        if (_index == start)
            throw Error("'${' must be followed by the path of a setting, like ${akka.remote.dot-netty.tcp.port}");
        if (EndOfText || Current != '}')
            throw Error($"the substitution '${{{_text[start.._index]}' is not closed by a '}}' right after its path");
        _index++;
    }

    /// <summary>Whitespace, line breaks and comments.</summary>
    private void SkipBlank()
    {
        while (!EndOfText)
        {
            if (IsCommentStart())
                while (!EndOfText && Current != '\n')
                    _index++;
            else if (char.IsWhiteSpace(Current))
                Step();
            else
                return;
        }
    }

    /// <summary>Spaces and tabs, which join the parts of a value on one line.</summary>
    private void SkipSpaces()
    {
        while (!EndOfText && Current is ' ' or '\t')
            _index++;
    }

    private void Step()
    {
        if (Current == '\n')
            _line++;
        _index++;
    }

    private bool IsCommentStart() => Current == '#' || Matches("//");

    private bool IsUnquotedText() => !EndOfText && !char.IsWhiteSpace(Current) && !IsCommentStart() && !NotInUnquotedText.Contains(Current);

    private bool Matches(string pattern) => string.CompareOrdinal(_text, _index, pattern, 0, pattern.Length) == 0;

    private HoconSyntaxException Error(string problem) => new(_line, problem);
}
