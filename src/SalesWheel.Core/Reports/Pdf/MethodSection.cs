using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>How the numbers are made: the method appendix, step by step.</summary>
internal sealed class MethodSection : ReportSection
{
    /// <inheritdoc />
    public override string Title => "How the numbers are made";

    /// <inheritdoc />
    public override bool OpensPage => true;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => Method(pages, report);

    private static void Method(PdfPages pages, ScoreReport report)
    {
        var scale = report.Instrument.Scale;
        var min = scale.Min.ToString(Invariant);
        var max = scale.Max.ToString(Invariant);
        var k = report.Context.MinGroupSize.ToString(Invariant);
        Heading(pages, "How the numbers are made",
            "Every number in this report comes from one scoring engine, the same one behind the web app, the spreadsheet exports and the API. "
            + "This is what it does, step by step.");

        (string Title, string Text)[] sections =
        [
            ("Answers",
                $"Each statement is answered on a scale from {min} (strongly disagree) to {max} (strongly agree). \"Don't know\" and skipped statements count as not answered. "
                + $"A few statements are worded the other way round (agreeing is the bad answer); their answers are turned around first ({min} counts as {max}, {max} as {min}), "
                + "so that a higher number is always the better one. Someone counts as a respondent once they have answered at least one statement."),
            ("Scores",
                "For each person and driver we take the average of the statements they answered, provided they answered at least half of the driver's statements; "
                + "otherwise they are left out of that driver (n counts the people kept). The driver's average is the average of these personal averages. "
                + $"The score puts it on 0 to 100: 0 would mean everyone chose {min} on everything, 100 that everyone chose {max}. Facets are scored the same way."),
            ("95% interval",
                "The interval shows how precise a score is: the range in which the score of everyone like these respondents most likely lies. "
                + "It comes from how much the personal averages differ and how many people there are (Student's t distribution, computed exactly), "
                + "so it narrows as more people answer and widens when they disagree. With fewer than two people there is none."),
            ("Favorable, neutral, unfavorable",
                $"Of all the answers given to a driver's statements, the share in the top two points of the scale ({(scale.Max - 1).ToString(Invariant)} or {max}) is favorable, "
                + $"the share in the bottom two ({min} or {(scale.Min + 1).ToString(Invariant)}) unfavorable, and the rest neutral."),
            ("Reliability",
                "Cronbach's alpha measures whether a driver's statements move together: whether someone who agrees with one tends to agree with the others. "
                + $"It uses only the people who answered every statement of the driver, and needs at least three of them. Below {Reliability.MinimumAlphaText} the driver is flagged "
                + $"\"items disagree\": its single score hides real differences. A driver with fewer than {Reliability.MinimumAnswers} people counted is flagged \"few answers\"."),
            ("Groups and anonymity",
                $"Breakdowns score the same drivers for each role and team. A group with fewer than {k} people is hidden: none of its numbers appear anywhere. "
                + $"When the hidden groups of a breakdown together still hold fewer than {k} people, the smallest shown group is hidden too, "
                + "so no hidden group can be worked out by subtracting the shown groups from the total. "
                + $"Reports from the SalesWheel app also hide a group that the other breakdown would give away (say a team made only of managers, whose "
                + $"subtraction from all managers would leave fewer than {k} people), and show results only once the survey has closed, so that two "
                + "reports a little apart cannot be compared to read the latest answers. "
                + $"When fewer than {k} people answered in all, a report shows participation and nothing else. Names, email addresses and survey links never appear."),
            ("Perception gaps",
                $"For each driver, the gap is the highest minus the lowest score among the groups shown. A gap of {PerceptionGap.Highlighted.ToString("0", Invariant)} points "
                + "or more is highlighted: the groups see that driver differently, which is often worth a conversation before a fix."),
            ("Priorities",
                "Each driver has a relevance level for the company's phase (PMF, GTM Fit, Scale) and for its deal size (ACV band): High counts 3, Medium 2, Low 1. "
                + "A driver's weight is its phase level times its deal-size level, divided by the average of that product over the eight drivers, so the weights average 1. "
                + "Its priority is the weight times the distance to a perfect score, weight × (100 − score); the highest priority is fixed first (ties in the instrument's order). "
                + "An unknown phase or deal size counts as Medium for every driver. Drivers without a score are not ranked. "
                + "An instrument whose dimensions are not the eight drivers gives every driver weight 1."),
            ("Colours",
                $"The wheel and the tables use four bands: {ScoreBand.InWords}. "
                + "The colours are chosen to stay distinct for the common forms of colour blindness, and the number is always printed next to them."),
        ];

        foreach (var (title, text) in sections)
        {
            pages.Need(H2.LineHeight + (Body.LineHeight * 3));
            pages.Text(title, pages.Left, PdfPages.Baseline(pages.Y, H2 with { Size = 11 }), H2 with { Size = 11 });
            pages.Y += (H2.LineHeight * 0.9f) + 2;
            pages.Paragraph(text, Body, after: 10);
        }
    }
}
