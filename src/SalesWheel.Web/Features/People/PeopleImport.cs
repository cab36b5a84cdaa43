using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>What an import did: the preview it was checked against; stored, or refused (a bad file, or <see cref="Conflict"/>).</summary>
public sealed record ImportOutcome(ImportPreview Preview, bool Imported, string? Conflict);

/// <summary>
/// Importing people from a CSV file, shared by the import page and the API: the same reading (strict UTF-8, at most
/// 1 MB), the same checks against the list as it is at that moment, the same audit entry.
/// </summary>
public sealed class PeopleImport(AppDbContext db, AuditLog audit)
{
    /// <summary>About 10,000 people; larger teams can import in parts.</summary>
    public const int MaximumBytes = 1024 * 1024;

    /// <summary>Why <paramref name="what"/> ("The file", a file's name) was refused for its size.</summary>
    public static string TooLarge(string what) => $"{what} is larger than 1 MB. Import the team in parts.";

    /// <summary>Why <paramref name="what"/> was refused for its encoding; <paramref name="verb"/> says how to send it again ("upload", "send").</summary>
    public static string NotUtf8(string what, string verb) => $"{what} is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\" and {verb} it again.";

    /// <summary>The file's text (<see cref="PeopleCsv.Decode"/>): null when it is neither UTF-8 nor marked as UTF-16.</summary>
    public static string? Decode(byte[] bytes) => PeopleCsv.Decode(bytes);

    /// <summary>What importing the text would do now (with the admin's role <paramref name="mapping"/>, if any), storing nothing.</summary>
    public Task<ImportPreview> PreviewAsync(Guid organizationId, string text, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? mapping = null) =>
        ImportPreview.BuildAsync(db, organizationId, text, mapping, cancellationToken);

    /// <summary>
    /// Checks the text again against the list as it is now (it may have changed since a preview) and, only when every
    /// row is right (or, with <paramref name="onlyGoodRows"/>, every row that is right, when the file itself could be
    /// read), adds and updates the people in one save, audited with where the file came from (<paramref name="source"/>),
    /// the roles mapped and the lines left out. <paramref name="retry"/> ends the message when another change got there first.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(Guid organizationId, Actor actor, string text, string source, string retry, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? mapping = null, bool onlyGoodRows = false)
    {
        var preview = await PreviewAsync(organizationId, text, cancellationToken, mapping);
        if (!preview.IsClean && !(onlyGoodRows && preview.CanImportGoodRows))
        {
            return new ImportOutcome(preview, Imported: false, Conflict: null);
        }

        preview.Apply(db, organizationId);
        var mapped = preview.RoleValues.Where(v => v.Mapped is not null).Select(v => $"{v.Text} → {v.Mapped!.Value.Name}").ToList();
        var leftOut = preview.Problems.Where(p => p.Line is not null).Select(p => p.Line!.Value).ToList();
        audit.Record(organizationId, actor, "people imported", $"{preview.Counts}, from {source}"
            + (mapped.Count > 0 ? "; roles mapped: " + string.Join(", ", mapped) : "")
            + (leftOut.Count > 0 ? $"; {leftOut.Count} bad {(leftOut.Count == 1 ? "row" : "rows")} left out (lines {string.Join(", ", leftOut)})" : ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            var added = db.ChangeTracker.Entries<Person>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Email).ToList();
            db.ChangeTracker.Clear();
            if (!await PersonActions.EmailTakenAsync(db, organizationId, added, null, cancellationToken))
            {
                throw;
            }

            return new ImportOutcome(await PreviewAsync(organizationId, text, cancellationToken, mapping), Imported: false,
                $"Someone changed the list of people at the same moment. Nothing was imported; {retry}.");
        }

        return new ImportOutcome(preview, Imported: true, Conflict: null);
    }
}

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

    /// <summary>Each role value of the file and what it reads as.</summary>
    public required IReadOnlyList<ImportRoleValue> RoleValues { get; init; }

    public bool IsClean => Problems.Count == 0;

    /// <summary>The good rows can be imported without the bad ones: the file itself was read, and some rows are right and change something.</summary>
    public bool CanImportGoodRows => Problems.All(p => p.Line is not null) && ToAdd.Count + ToUpdate.Count > 0;

    public string Counts => $"{ToAdd.Count} added, {ToUpdate.Count} updated, {Unchanged.Count} unchanged";

    /// <summary>Reads the file and compares it with the organization's people (tracked, so <see cref="Apply"/> can change them).</summary>
    public static async Task<ImportPreview> BuildAsync(AppDbContext db, Guid organizationId, string text, IReadOnlyDictionary<string, string>? mapping = null, CancellationToken cancellationToken = default)
    {
        var roles = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        var attributes = await AttributeSettings.ListAsync(db, organizationId, cancellationToken);
        var (rows, problems, ignored, roleValues) = PeopleCsv.Parse(Core.Text.PlainText.Lines(text), roles, attributes, mapping); // no control characters in names
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

            if (person.Role != row.Role.Family || person.RoleId != row.Role.Own?.Id)
            {
                changes.Add($"role: {roles.NameOf(person)} → {row.Role.Name}");
            }

            if (person.Team != row.Team)
            {
                changes.Add($"team: {PersonText.Team(person.Team)} → {PersonText.Team(row.Team)}");
            }

            changes.AddRange(PersonActions.AttributeChanges(attributes, person.AttributesJson, row.AttributesOver(person.AttributesJson)));
            if (changes.Count == 0)
            {
                unchanged.Add(row);
            }
            else
            {
                update.Add(new ImportUpdate(person, row, changes));
            }
        }

        return new ImportPreview { Problems = problems, ToAdd = add, ToUpdate = update, Unchanged = unchanged, IgnoredColumns = ignored, RoleValues = roleValues };
    }

    /// <summary>Adds and updates the good rows' people (the caller saves); refuses a file that could not be read.</summary>
    public void Apply(AppDbContext db, Guid organizationId)
    {
        if (!IsClean && !CanImportGoodRows)
        {
            throw new InvalidOperationException("A file that could not be read is never imported.");
        }

        foreach (var row in ToAdd)
        {
            db.People.Add(new Person { OrganizationId = organizationId, Name = row.Name, Email = row.Email, Role = row.Role.Family, RoleId = row.Role.Own?.Id, Team = row.Team, AttributesJson = row.AttributesOver("") });
        }

        foreach (var (person, row, _) in ToUpdate)
        {
            person.Name = row.Name;
            person.Role = row.Role.Family;
            person.RoleId = row.Role.Own?.Id;
            person.AttributesJson = row.AttributesOver(person.AttributesJson);
            person.Team = row.Team;
        }
    }
}
