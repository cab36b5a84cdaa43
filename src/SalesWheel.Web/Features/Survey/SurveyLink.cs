using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Memory;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>What a personal survey link leads to.</summary>
public enum LinkStatus
{
    /// <summary>Malformed, unknown, or its assessment is not open yet.</summary>
    NotFound,

    /// <summary>The assessment was closed, or its close date has passed.</summary>
    Closed,

    /// <summary>Answers were submitted from this browser with this invitation.</summary>
    Submitted,

    /// <summary>
    /// A submit was refused: answers had already been submitted for this invitation (from another browser). Only said
    /// at submit time: opening a link never shows whether it was used, so whoever else holds it learns nothing by looking.
    /// </summary>
    AlreadyUsed,

    /// <summary>The survey can be answered.</summary>
    Open,
}

/// <summary>
/// A personal link resolved for one browser: the invitation, its assessment and organization, and what this browser
/// saved (drafts are sealed with the browser's own secret: another browser opening the same link sees a fresh survey).
/// </summary>
public sealed class SurveyLink
{
    public required string Token { get; init; }

    public required Invitation Invitation { get; init; }

    public required Assessment Assessment { get; init; }

    public required Organization Organization { get; init; }

    /// <summary>The browser's secret (from its cookie), which seals and opens its draft.</summary>
    public required string BrowserSecret { get; init; }

    /// <summary>The one-way id of <see cref="BrowserSecret"/> under which this browser's draft is stored.</summary>
    public required string BrowserId { get; init; }

    /// <summary>What this browser saved so far; null before its first save.</summary>
    public DraftContent? Draft { get; set; }

    /// <summary>This browser already has a stored draft row (so a save updates it).</summary>
    public bool HasStoredDraft { get; set; }

    /// <summary>Answers were submitted from this browser.</summary>
    public bool SubmittedHere { get; private set; }

    public required SurveyPlan Plan { get; init; }

    /// <summary>The minimum group size this assessment promised its respondents (bound when it opened).</summary>
    public int MinimumGroupSize => MinimumGroupSizes.Of(Assessment, Organization);

    public LinkStatus Status =>
        SubmittedHere ? LinkStatus.Submitted // the browser that submitted is thanked, even after closing
        : ResultsRelease.IsClosed(Assessment, ResultsRelease.Today) ? LinkStatus.Closed
        : LinkStatus.Open;

    /// <summary>Statements answered on the scale so far (not skipped, not "Don't know").</summary>
    public int AnsweredCount => Saved.Length - Saved.Count((byte)0) - Saved.Count(SurveyPlan.DontKnowInDraft);

    /// <summary>Statements answered "Don't know" so far.</summary>
    public int DontKnowCount => Saved.Count(SurveyPlan.DontKnowInDraft);

    // The draft's answers within the instrument's length, read in place (Answers makes a copy for pages that change it).
    private ReadOnlySpan<byte> Saved => Draft?.Answers is { } saved ? saved.AsSpan(0, Math.Min(saved.Length, Plan.ItemCount)) : [];

    /// <summary>
    /// The saved answers, one byte per item in instrument order (a fresh copy, always of the instrument's length):
    /// 0 skipped, <see cref="SurveyPlan.DontKnowInDraft"/> for "Don't know", otherwise the encoded scale value.
    /// </summary>
    public byte[] Answers
    {
        get
        {
            var answers = new byte[Plan.ItemCount];
            Saved.CopyTo(answers);
            return answers;
        }
    }

    // Every survey request runs this lookup, so it is plain SQL read straight from the data reader (standard SQL with
    // quoted names: the same text runs on SQLite and PostgreSQL). Through EF, even as a compiled query into untracked
    // entities, it cost 195 us of CPU against 57-74 us as a plain command (query pipeline, shaper, materializers).
    // SurveyLinkLookupTests checks it reads exactly what EF stores. The connection is opened through EF, so the SQLite
    // gate and every connection interceptor still apply. A link is the invitation's first token or any later one
    // (reminders add links, they never replace one).
    private const string Columns = """
        i."Id", i."AssessmentId", i."Role", i."Team", i."State", i."HandedToAdmin", i."OpenedBySignedInMemberAt",
               a."OrganizationId", a."Name", a."Status", a."CloseDate", a."ClosedAt", a."QuickForm", a."Uploaded", a."InstrumentJson", a."MinimumGroupSize",
               o."Name", o."MinimumGroupSize", i."AttributesJson"
        """;

    private const string Joins = """
        FROM "Invitations" AS i
        INNER JOIN "Assessments" AS a ON a."Id" = i."AssessmentId"
        INNER JOIN "Organizations" AS o ON o."Id" = a."OrganizationId"
        """;

    // A link this node has not seen yet: the token's invitation, found by two scalar subqueries, each on its unique
    // index, and the invitation then by its key. Written as `TokenHash = @hash OR Id IN (subquery)`, PostgreSQL read
    // the whole Invitations table on every request (an OR with a subquery cannot use an index there), 0.7 ms at 10,000
    // invitations and growing with every invitation ever sent.
    internal const string LookupSql = "SELECT " + Columns + "\n" + Joins + """

        WHERE i."Id" = COALESCE(
                (SELECT f."Id" FROM "Invitations" AS f WHERE f."TokenHash" = @hash),
                (SELECT t."InvitationId" FROM "InvitationTokens" AS t WHERE t."TokenHash" = @hash))
          AND a."Status" <> 'Draft'
        LIMIT 1
        """;

    // This browser's row for the invitation; its id depends on the invitation, so after LookupSql it is a second read.
    private const string DraftSql = """
        SELECT d."Sealed", d."Submitted" FROM "SurveyDrafts" AS d WHERE d."InvitationId" = @invitation AND d."BrowserId" = @browser
        """;

    // A link this browser has opened on this node: which invitation a token leads to never changes, so the node
    // remembers it and reads the invitation and this browser's draft in one statement (one round trip to PostgreSQL
    // instead of two on every survey page). What is remembered is only a guess: the statement itself checks that the
    // token leads to that invitation, so a wrong or outdated guess finds nothing and the lookup starts again from the
    // token alone.
    internal const string KnownLinkSql = "SELECT " + Columns + """
        , d."BrowserId", d."Sealed", d."Submitted"

        """ + Joins + """

        LEFT JOIN "SurveyDrafts" AS d ON d."InvitationId" = i."Id" AND d."BrowserId" = @browser
        WHERE i."Id" = @invitation
          AND (i."TokenHash" = @hash OR EXISTS (SELECT 1 FROM "InvitationTokens" AS t WHERE t."TokenHash" = @hash AND t."InvitationId" = i."Id"))
          AND a."Status" <> 'Draft'
        """;

    // (token, browser) -> invitation id, for KnownLinkSql; bounded, and only ever a hint (see there). Keyed by the
    // browser too, so that a page's speed never tells whoever else holds a link (an admin it was handed to) that
    // someone opened it: another browser's first page always takes the lookup from the token alone.
    private static readonly MemoryCache KnownInvitations = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    // The cache key: a one-way hash of the token's hash and the browser's secret (the secret itself is not kept).
    private static string KnownKey(string tokenHash, string browserSecret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tokenHash + "\n" + browserSecret)));

    /// <summary>Forgets every link this node has seen (tests: the lookup from the token alone).</summary>
    internal static void ForgetKnownLinks() => KnownInvitations.Compact(1.0);

    /// <summary>Whether this node knows the token's invitation for this browser (tests).</summary>
    internal static bool Knows(string tokenHash, string browserSecret) => KnownInvitations.TryGetValue(KnownKey(tokenHash, browserSecret), out _);

    /// <summary>Takes <paramref name="invitationId"/> as the guess for a token in a browser (tests: a wrong guess must find nothing).</summary>
    internal static void Remember(string tokenHash, string browserSecret, Guid invitationId) =>
        KnownInvitations.Set(KnownKey(tokenHash, browserSecret), invitationId, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });

    /// <summary>
    /// Finds the link's invitation by the hash of its token, with what this browser (its secret) saved; null for a
    /// malformed or unknown token, or an assessment not yet open.
    /// </summary>
    public static async Task<SurveyLink?> FindAsync(AppDbContext db, string? token, string browserSecret, CancellationToken cancellationToken)
    {
        if (!Tokens.LooksValid(token))
        {
            return null;
        }

        var tokenHash = Tokens.Hash(token!);
        var database = db.Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            // The provider's own mapping writes an id as the provider stores it (text on SQLite, uuid on PostgreSQL).
            var guids = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(Guid))!;
            var knownKey = KnownKey(tokenHash, browserSecret);
            if (KnownInvitations.TryGetValue(knownKey, out Guid known))
            {
                var browserId = DraftSeal.BrowserId(browserSecret, known);
                command.CommandText = KnownLinkSql;
                Add(command, "hash", tokenHash);
                command.Parameters.Add(guids.CreateParameter(command, "invitation", known));
                Add(command, "browser", browserId);
                await using var row = await command.ExecuteReaderAsync(cancellationToken);
                if (await row.ReadAsync(cancellationToken))
                {
                    var link = Read(row, token!, tokenHash, browserSecret, browserId);
                    if (!row.IsDBNull(19))
                    {
                        ReadDraft(link, row, 20);
                    }

                    return link;
                }

                KnownInvitations.Remove(knownKey);
            }

            SurveyLink? found;
            command.CommandText = LookupSql;
            command.Parameters.Clear();
            Add(command, "hash", tokenHash);
            await using (var row = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await row.ReadAsync(cancellationToken))
                {
                    return null;
                }

                found = Read(row, token!, tokenHash, browserSecret, null);
            }

            Remember(tokenHash, browserSecret, found.Invitation.Id);
            command.CommandText = DraftSql;
            command.Parameters.Clear();
            command.Parameters.Add(guids.CreateParameter(command, "invitation", found.Invitation.Id));
            Add(command, "browser", found.BrowserId);
            await using (var row = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (await row.ReadAsync(cancellationToken))
                {
                    ReadDraft(found, row, 0);
                }
            }

            return found;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // The columns of Columns, in order, into the link (the draft comes after).
    private static SurveyLink Read(DbDataReader row, string token, string tokenHash, string browserSecret, string? browserId)
    {
        var invitation = new Invitation
        {
            Id = row.GetGuid(0),
            AssessmentId = row.GetGuid(1),
            TokenHash = tokenHash,
            Role = row.GetString(2),
            Team = row.GetString(3),
            State = Enum.Parse<InvitationState>(row.GetString(4)),
            HandedToAdmin = row.GetBoolean(5),
            OpenedBySignedInMemberAt = row.IsDBNull(6) ? null : row.GetDateTime(6),
            AttributesJson = row.GetString(18),
        };
        var assessment = new Assessment
        {
            Id = invitation.AssessmentId,
            OrganizationId = row.GetGuid(7),
            Name = row.GetString(8),
            Status = Enum.Parse<AssessmentStatus>(row.GetString(9)),
            CloseDate = row.IsDBNull(10) ? null : row.GetFieldValue<DateOnly>(10),
            ClosedAt = row.IsDBNull(11) ? null : row.GetDateTime(11),
            QuickForm = row.GetBoolean(12),
            Uploaded = row.GetBoolean(13),
            InstrumentJson = row.IsDBNull(14) ? null : row.GetString(14),
            MinimumGroupSize = row.IsDBNull(15) ? null : row.GetInt32(15),
        };
        var organization = new Organization { Id = assessment.OrganizationId, Name = row.GetString(16), MinimumGroupSize = row.GetInt32(17) };
        return new SurveyLink
        {
            Token = token,
            Invitation = invitation,
            Assessment = assessment,
            Organization = organization,
            BrowserSecret = browserSecret,
            BrowserId = browserId ?? DraftSeal.BrowserId(browserSecret, invitation.Id),
            Plan = SurveyPlan.For(assessment),
        };
    }

    // This browser's row (Sealed, Submitted from column `first` on): a draft, or the receipt of its submit.
    private static void ReadDraft(SurveyLink link, DbDataReader row, int first)
    {
        link.HasStoredDraft = true;
        link.SubmittedHere = row.GetBoolean(first + 1);
        if (!link.SubmittedHere && !row.IsDBNull(first))
        {
            link.Draft = DraftSeal.Open(link.BrowserSecret, link.Invitation.Id, row.GetFieldValue<byte[]>(first));
        }
    }
}

/// <summary>What the link page shows when the survey cannot be answered (or has been: the thank-you page).</summary>
public sealed record SurveyGate(LinkStatus Status, string? Organization, string? Assessment, DateOnly? ClosedOn)
{
    /// <summary>The last day answers are taken, when the assessment has one.</summary>
    public DateOnly? CloseDate { get; init; }

    /// <summary>The minimum group size respondents were promised (0 when the link led nowhere).</summary>
    public int MinimumGroupSize { get; init; }

    /// <summary>What the link shows of the results (thank-you and closed pages only).</summary>
    public ParticipantSummary? Summary { get; init; }
}
