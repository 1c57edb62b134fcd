package rawhttpget.http;

/**
 * The method of the request a response answers. The response parser needs it because the answer to a HEAD
 * carries the headers of a GET (Content-Length included) but never a body.
 */
public enum RequestMethod {
    GET,
    HEAD
}
