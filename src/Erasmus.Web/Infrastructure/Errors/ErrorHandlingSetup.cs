namespace Erasmus.Web.Infrastructure.Errors;

public static class ErrorHandlingSetup
{
    /// <summary>
    /// Outside Development an unhandled exception re-executes /feil (a friendly page with a trace id,
    /// never a stack trace); 403, 404 and other status codes get pages in the site's layout.
    /// Production also gets HSTS and HTTPS redirection. In every environment a database outage
    /// answers 503 with the friendly page and Retry-After (<see cref="DatabaseOutageMiddleware"/>).
    /// </summary>
    public static WebApplication UseErasmusErrorHandling(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/feil");
        }

        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/feil/{0}");
        app.UseMiddleware<DatabaseOutageMiddleware>();
        return app;
    }
}
