using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
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

    /// <summary>Answers were already submitted with this link.</summary>
    Submitted,

    /// <summary>The survey can be answered.</summary>
    Open,
}

/// <summary>A personal link resolved: the invitation, its assessment and organization, and the saved draft if any.</summary>
public sealed class SurveyLink
{
    public required string Token { get; init; }

    public required Invitation Invitation { get; init; }

    public required Assessment Assessment { get; init; }

    public required Organization Organization { get; init; }

    /// <summary>The answers saved so far (not tracked: a page that saves attaches it); null before the first save.</summary>
    public SurveyDraft? Draft { get; set; }

    public required SurveyPlan Plan { get; init; }

    /// <summary>The organization's minimum group size, as the engine applies it (never below 3).</summary>
    public int MinimumGroupSize => Math.Max(Anonymity.LowestMinimumGroupSize, Organization.MinimumGroupSize);

    public LinkStatus Status =>
        Invitation.State == InvitationState.Submitted ? LinkStatus.Submitted // a submitted link says so even after closing
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

    // Every survey request runs this lookup, so it is one plain SQL statement read straight from the data reader
    // (standard SQL with quoted names: the same text runs on SQLite and PostgreSQL). Through EF, even as a compiled
    // query into untracked entities, it cost 195 us of CPU against 57-74 us as a plain command (query pipeline,
    // shaper, materializers). SurveyLinkLookupTests checks it reads exactly what EF stores. The connection is opened
    // through EF, so the SQLite gate and every connection interceptor still apply.
    private const string LookupSql = """
        SELECT i."Id", i."AssessmentId", i."Role", i."Team", i."State",
               a."OrganizationId", a."Name", a."Status", a."CloseDate", a."ClosedAt", a."QuickForm", a."Uploaded", a."InstrumentJson",
               o."Name", o."MinimumGroupSize",
               d."Answers", d."Comment", d."Page", d."UpdatedAt"
        FROM "Invitations" AS i
        INNER JOIN "Assessments" AS a ON a."Id" = i."AssessmentId"
        INNER JOIN "Organizations" AS o ON o."Id" = a."OrganizationId"
        LEFT JOIN "SurveyDrafts" AS d ON d."InvitationId" = i."Id"
        WHERE i."TokenHash" = @hash AND a."Status" <> 'Draft'
        LIMIT 1
        """;

    /// <summary>Finds the link's invitation by the hash of its token; null for a malformed or unknown token, or an assessment not yet open.</summary>
    public static async Task<SurveyLink?> FindAsync(AppDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!Tokens.LooksValid(token))
        {
            return null;
        }

        var database = db.Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = LookupSql;
            var hash = command.CreateParameter();
            hash.ParameterName = "hash";
            hash.Value = Tokens.Hash(token!);
            command.Parameters.Add(hash);
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            var invitation = new Invitation
            {
                Id = row.GetGuid(0), AssessmentId = row.GetGuid(1), TokenHash = (string)hash.Value, Role = row.GetString(2), Team = row.GetString(3),
                State = Enum.Parse<InvitationState>(row.GetString(4)),
            };
            var assessment = new Assessment
            {
                Id = invitation.AssessmentId, OrganizationId = row.GetGuid(5), Name = row.GetString(6), Status = Enum.Parse<AssessmentStatus>(row.GetString(7)),
                CloseDate = row.IsDBNull(8) ? null : row.GetFieldValue<DateOnly>(8),
                ClosedAt = row.IsDBNull(9) ? null : row.GetDateTime(9),
                QuickForm = row.GetBoolean(10), Uploaded = row.GetBoolean(11), InstrumentJson = row.IsDBNull(12) ? null : row.GetString(12),
            };
            var organization = new Organization { Id = assessment.OrganizationId, Name = row.GetString(13), MinimumGroupSize = row.GetInt32(14) };
            var draft = row.IsDBNull(15) ? null : new SurveyDraft
            {
                InvitationId = invitation.Id, Answers = row.GetFieldValue<byte[]>(15), Comment = row.IsDBNull(16) ? null : row.GetString(16),
                Page = row.GetInt32(17), UpdatedAt = row.GetDateTime(18),
            };
            return new SurveyLink
            {
                Token = token!, Invitation = invitation, Assessment = assessment, Organization = organization, Draft = draft, Plan = SurveyPlan.For(assessment),
            };
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}

/// <summary>What the link page shows when the survey cannot be answered.</summary>
public sealed record SurveyGate(LinkStatus Status, string? Organization, string? Assessment, DateOnly? ClosedOn);
