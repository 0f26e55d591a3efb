package dev.amlaks.emulator.providers.deployments;

/** HTTP status codes as ARM's deployment operations name them (.NET's HttpStatusCode names). */
final class StatusCodes {

    private StatusCodes() {
    }

    static String name(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "NoContent";
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 503 -> "ServiceUnavailable";
            default -> Integer.toString(status);
        };
    }
}
