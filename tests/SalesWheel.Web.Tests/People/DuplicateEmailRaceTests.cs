using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.People;

/// <summary>
/// Two admins add the same email at the same moment: the unique index refuses the second save, and the app tells the
/// person on the form, on either provider (it asks the data again, never reads the provider's error text).
/// </summary>
public sealed class DuplicateEmailRaceTests
{
    [Fact]
    public async Task AnEmailAddedByAnotherRequestJustBeforeTheSaveIsRefusedOnTheFormNotWithAnErrorPage()
    {
        await using var app = new AppFactory();
        var race = new SameEmailJustBefore(app);
        app.TestServices.Add(services => services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(race)));
        var (owner, org) = await app.NewOrganization("Race Co");
        race.Email = "ana@example.com";

        var response = await owner.PostForm("/people/add",
            [new("Form.Name", "Ana Lima"), new("Form.Email", "ana@example.com"), new("Form.Role", "Seller"), new("Form.Team", "")]);

        Assert.True(race.Happened, "the other request's row was not written before the save");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with what was typed
        Assert.Contains("ana@example.com was added by someone else a moment ago.", Html.Parse(await response.Content.ReadAsStringAsync()).Text());
        Assert.Equal("The other admin's Ana", app.Service(db => db.People.Single(p => p.OrganizationId == org).Name));
    }

    /// <summary>Writes a person with the same email from another context just before this save runs (the other request won).</summary>
    private sealed class SameEmailJustBefore(AppFactory app) : SaveChangesInterceptor
    {
        public string? Email { get; set; }

        public bool Happened { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var adding = eventData.Context!.ChangeTracker.Entries<Person>()
                .FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Email == Email)?.Entity;
            if (adding is not null && !Happened)
            {
                Happened = true;
                await using var scope = app.Services.CreateAsyncScope();
                var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                other.People.Add(new Person { OrganizationId = adding.OrganizationId, Name = "The other admin's Ana", Email = adding.Email, Role = PersonRole.Seller, Team = "" });
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
