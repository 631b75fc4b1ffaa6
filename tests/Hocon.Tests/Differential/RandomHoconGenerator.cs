using System.Globalization;
using System.Text;

namespace ProcessManager.Hocon.Tests.Differential;

/// <summary>
/// Seeded random HOCON documents. Keys come from a small pool so fields collide, merge, override and refer to
/// each other (forward, backward, self and cyclic references all occur), which is where parsers disagree.
/// </summary>
internal sealed class RandomHoconGenerator(int seed)
{
    private static readonly string[] Keys = ["a", "b", "c", "x", "y", "n1", "foo-bar", "k_2"];
    private static readonly string[] Words = ["hello", "world", "foo", "bar.baz", "10ms", "a/b", "x-y", "42abc", "true", "null", "yes", "on"];
    private static readonly string[] MutationChars = ["{", "}", "[", "]", ",", ":", "=", "+=", "$", "${", "\"", "\"\"\"", "#", "//", "\n", " ", "?", ".", "\\", "@", "}}", "0", "-"];

    private readonly Random _random = new(seed);
    private readonly StringBuilder _sb = new();

    public string Document()
    {
        _sb.Clear();
        var braced = _random.Next(4) == 0;
        if (braced)
        {
            _sb.Append('{').Append(Newline());
        }

        Fields(0, _random.Next(1, 8));
        if (braced)
        {
            _sb.Append(Newline()).Append('}');
        }

        if (_random.Next(3) == 0)
        {
            _sb.Append('\n');
        }

        return _sb.ToString();
    }

    /// <summary>A valid-looking document with a few random edits, mostly invalid.</summary>
    public string MutatedDocument()
    {
        var text = new StringBuilder(Document());
        var edits = _random.Next(1, 4);
        for (var i = 0; i < edits && text.Length > 0; i++)
        {
            var at = _random.Next(text.Length);
            switch (_random.Next(3))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Pick(MutationChars));
                    break;
                default:
                    var length = Math.Min(_random.Next(1, 6), text.Length - at);
                    text.Insert(_random.Next(text.Length), text.ToString(at, length));
                    break;
            }
        }

        return text.ToString();
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private string Newline() => _random.Next(6) switch
    {
        0 => " # comment\n",
        1 => " // note\n",
        2 => "\n\n",
        _ => "\n",
    };

    private void Fields(int level, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _sb.Append(_random.Next(4) switch
                {
                    0 => ", ",
                    1 => "," + Newline(),
                    _ => Newline(),
                });
            }

            _sb.Append(' ', level * 2);
            Field(level);
        }
    }

    private void Field(int level)
    {
        Key();
        var choice = _random.Next(12);
        if (choice == 0 && level < 4)
        {
            _sb.Append(_random.Next(2) == 0 ? " " : string.Empty);
            Object(level);
            return;
        }

        _sb.Append(choice switch
        {
            1 => " += ",
            2 => ":",
            3 => " : ",
            4 => "=",
            _ => " = ",
        });
        Value(level);
    }

    private void Key()
    {
        switch (_random.Next(8))
        {
            case 0:
                _sb.Append(Pick(Keys)).Append('.').Append(Pick(Keys));
                break;
            case 1:
                _sb.Append('"').Append(Pick(Keys)).Append(".q\"");
                break;
            case 2:
                _sb.Append(Pick(Keys)).Append('.').Append(Pick(Keys)).Append('.').Append(Pick(Keys));
                break;
            case 3:
                _sb.Append(_random.Next(3).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                _sb.Append(Pick(Keys));
                break;
        }
    }

    private void Object(int level)
    {
        _sb.Append('{');
        if (_random.Next(5) > 0)
        {
            _sb.Append(Newline());
            Fields(level + 1, _random.Next(1, 4));
            _sb.Append(Newline()).Append(' ', level * 2);
        }

        _sb.Append('}');
    }

    private void Value(int level)
    {
        var parts = _random.Next(5) == 0 ? _random.Next(2, 4) : 1;
        for (var i = 0; i < parts; i++)
        {
            if (i > 0 && _random.Next(3) > 0)
            {
                _sb.Append(' ');
            }

            SimpleOrNested(level, allowNested: parts == 1 || _random.Next(3) == 0);
        }
    }

    private void SimpleOrNested(int level, bool allowNested)
    {
        var choice = _random.Next(allowNested && level < 4 ? 14 : 11);
        switch (choice)
        {
            case 0:
                _sb.Append(Pick(Words));
                break;
            case 1:
                _sb.Append('"').Append(Pick(Words)).Append(_random.Next(3) == 0 ? "\\n\\t\\u0041\\\"" : string.Empty).Append('"');
                break;
            case 2:
                _sb.Append("\"\"\"").Append(Pick(Words)).Append(_random.Next(2) == 0 ? "\n \"quoted\" \\n" : string.Empty)
                    .Append(_random.Next(3) == 0 ? "\"\"\"\"" : "\"\"\"");
                break;
            case 3:
                _sb.Append(_random.Next(6) switch
                {
                    0 => "-7",
                    1 => "3.25",
                    2 => "1e3",
                    3 => "0",
                    4 => "12345678901",
                    _ => _random.Next(100).ToString(CultureInfo.InvariantCulture),
                });
                break;
            case 4:
                _sb.Append(_random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            case 5 or 6:
                _sb.Append("${").Append(Pick(Keys));
                if (_random.Next(3) == 0)
                {
                    _sb.Append('.').Append(Pick(Keys));
                }

                _sb.Append('}');
                break;
            case 7 or 8:
                _sb.Append("${?").Append(Pick(Keys));
                if (_random.Next(2) == 0)
                {
                    _sb.Append('.').Append(Pick(Keys));
                }

                _sb.Append('}');
                break;
            case 9 or 10:
                _sb.Append(Pick(Words)).Append(' ').Append(Pick(Words));
                break;
            case 11:
            case 12:
                _sb.Append('[');
                var count = _random.Next(4);
                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                    {
                        _sb.Append(_random.Next(3) == 0 ? "\n" : ", ");
                    }

                    Value(level + 1);
                }

                _sb.Append(']');
                break;
            default:
                Object(level);
                break;
        }
    }
}
