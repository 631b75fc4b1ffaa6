using System.Text;

namespace ProcessManager.Cli.Output;

/// <summary>
/// Rows with named columns. On a terminal: an aligned table with a header. Piped: tab-separated values without
/// a header, one row per line, so scripts can cut and sort it (stable across versions, like gh).
/// </summary>
internal sealed class Table
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with these column headers.</summary>
    public Table(params string[] headers) => _headers = headers;

    /// <summary>Adds one row; missing cells are empty.</summary>
    public Table Add(params string?[] cells)
    {
        var row = new string[_headers.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = i < cells.Length ? cells[i] ?? string.Empty : string.Empty;
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Writes the table for a terminal or a pipe.</summary>
    public void Write(TextWriter writer, bool terminal)
    {
        if (!terminal)
        {
            foreach (var row in _rows)
            {
                writer.Write(string.Join('\t', row));
                writer.Write('\n');
            }

            return;
        }

        var widths = new int[_headers.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = _headers[c].Length;
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var line = new StringBuilder();
        WriteRow(writer, line, _headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, line, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, StringBuilder line, string[] cells, int[] widths)
    {
        line.Clear();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c == cells.Length - 1)
            {
                line.Append(cells[c]);
            }
            else
            {
                line.Append(cells[c].PadRight(widths[c] + 2));
            }
        }

        writer.Write(line.ToString().TrimEnd());
        writer.Write('\n');
    }
}
