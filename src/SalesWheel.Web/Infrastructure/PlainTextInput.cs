using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using SalesWheel.Core.Text;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Control characters are taken out of text at the door, for every form field and every API body: a vertical tab
/// pasted from a slide into a team, person, organization or assessment name becomes a space before any rule sees it
/// (<see cref="PlainText.Lines"/>: tab and line breaks stay, for comments). The outputs clean again when they write
/// (SVG, PDF, XLSX, CSV), so older data and uploaded files cannot break them either.
/// </summary>
public static class PlainTextInput
{
    /// <summary>Every string bound from a form, route or query by MVC / Razor Pages is cleaned.</summary>
    public static IServiceCollection AddPlainTextInput(this IServiceCollection services) =>
        services.Configure<MvcOptions>(options => options.ModelBinderProviders.Insert(0, new BinderProvider()));

    /// <summary>Every string property (and list of strings) of the API's request bodies is cleaned before the handler runs.</summary>
    public static TBuilder CleansRequestText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            foreach (var argument in context.Arguments)
            {
                // The request bodies are our own records named …Request; services and the caller are left alone.
                if (argument is not null && argument.GetType() is { } type && type.Name.EndsWith("Request", StringComparison.Ordinal)
                    && type.Namespace?.StartsWith("SalesWheel.Web", StringComparison.Ordinal) == true)
                {
                    Clean(argument);
                }
            }

            return await next(context);
        });

    private static void Clean(object body)
    {
        foreach (var property in body.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (property.PropertyType == typeof(string) && property.CanWrite)
            {
                var value = (string?)property.GetValue(body);
                var cleaned = PlainText.Lines(value);
                if (value is not null && !ReferenceEquals(value, cleaned))
                {
                    property.SetValue(body, cleaned); // init-only setters of request records are settable this way
                }
            }
            else if (property.GetValue(body) is IList<string?> list && (list is Array || !list.IsReadOnly))
            {
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = list[i] is { } item ? PlainText.Lines(item) : null;
                }
            }
        }
    }

    private sealed class BinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(string) && context.BindingInfo.BindingSource != BindingSource.Body
                ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text)
            {
                bindingContext.Result = ModelBindingResult.Success(PlainText.Lines(text));
            }
        }
    }
}
