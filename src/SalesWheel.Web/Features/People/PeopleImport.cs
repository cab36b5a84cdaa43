using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.People;

/// <summary>A person of the file who is already on the list (same email) and what will change.</summary>
public sealed record ImportUpdate(Person Existing, ImportRow Row, IReadOnlyList<string> Changes);

/// <summary>What an import would do, computed from the file and the current list; applied only when the file is clean.</summary>
public sealed class ImportPreview
{
    public required IReadOnlyList<ImportProblem> Problems { get; init; }

    public required IReadOnlyList<ImportRow> ToAdd { get; init; }

    public required IReadOnlyList<ImportUpdate> ToUpdate { get; init; }

    public required IReadOnlyList<ImportRow> Unchanged { get; init; }

    public required IReadOnlyList<string> IgnoredColumns { get; init; }

    public bool IsClean => Problems.Count == 0;

    public string Counts => $"{ToAdd.Count} added, {ToUpdate.Count} updated, {Unchanged.Count} unchanged";

    /// <summary>Reads the file and compares it with the organization's people (tracked, so <see cref="Apply"/> can change them).</summary>
    public static async Task<ImportPreview> BuildAsync(AppDbContext db, Guid organizationId, string text, CancellationToken cancellationToken = default)
    {
        var (rows, problems, ignored) = PeopleCsv.Parse(Core.Text.PlainText.Lines(text)); // no control characters in names
        var existing = (await db.People.Where(p => p.OrganizationId == organizationId).ToListAsync(cancellationToken))
            .GroupBy(p => EmailAddresses.Normalize(p.Email))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var add = new List<ImportRow>();
        var update = new List<ImportUpdate>();
        var unchanged = new List<ImportRow>();
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Email, out var person))
            {
                add.Add(row);
                continue;
            }

            var changes = new List<string>();
            if (person.Name != row.Name)
            {
                changes.Add($"name: {person.Name} → {row.Name}");
            }

            if (person.Role != row.Role)
            {
                changes.Add($"role: {person.Role.DisplayName()} → {row.Role.DisplayName()}");
            }

            if (person.Team != row.Team)
            {
                changes.Add($"team: {PersonText.Team(person.Team)} → {PersonText.Team(row.Team)}");
            }

            if (changes.Count == 0)
            {
                unchanged.Add(row);
            }
            else
            {
                update.Add(new ImportUpdate(person, row, changes));
            }
        }

        return new ImportPreview { Problems = problems, ToAdd = add, ToUpdate = update, Unchanged = unchanged, IgnoredColumns = ignored };
    }

    /// <summary>Adds and updates people (the caller saves); refuses a file with problems.</summary>
    public void Apply(AppDbContext db, Guid organizationId)
    {
        if (!IsClean)
        {
            throw new InvalidOperationException("A file with problems is never imported.");
        }

        foreach (var row in ToAdd)
        {
            db.People.Add(new Person { OrganizationId = organizationId, Name = row.Name, Email = row.Email, Role = row.Role, Team = row.Team });
        }

        foreach (var (person, row, _) in ToUpdate)
        {
            person.Name = row.Name;
            person.Role = row.Role;
            person.Team = row.Team;
        }
    }
}
