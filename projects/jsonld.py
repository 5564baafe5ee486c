"""schema.org JSON-LD for project pages: the project, its grant and its results.

A `Project` (schema.org: "an enterprise planned to achieve a particular aim") with
its members and funder; a `MonetaryGrant` carrying the reference number and amount;
each result as the `CreativeWork` subtype that fits (software, report, dataset...),
produced by the project.
"""

import json

from .choices import Region, ResultStatus, ResultType

RESULT_TYPES = {
    ResultType.SOFTWARE: "SoftwareSourceCode",
    ResultType.REPORT: "Report",
    ResultType.DATASET: "Dataset",
    ResultType.METHOD: "HowTo",
    ResultType.SERVICE: "WebApplication",
    ResultType.POLICY_CHANGE: "Legislation",
    ResultType.EVENT: "Event",
}

WORK_STATUS = {
    ResultStatus.PLANNED: "Draft",
    ResultStatus.IN_PROGRESS: "Incomplete",
    ResultStatus.COMPLETED: "Published",
}

# Characters that must not appear raw inside <script>: escaped as JSON unicode escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _SCRIPT_ESCAPES
    )


def _organisation(page, request):
    return {"@type": "Organization", "name": page.title, "url": page.get_full_url(request) or ""}


def _result(child, project_id, request):
    value = child.value
    data = {
        "@type": RESULT_TYPES.get(child.block_type, "CreativeWork"),
        "name": value.get("title"),
        "description": value.get("description"),
    }
    if child.block_type == ResultType.EVENT:
        if value.get("date"):
            data["startDate"] = value["date"].isoformat()
        data["organizer"] = {"@id": project_id}
        if value.url():
            data["url"] = value.url()
        return data
    data["producer"] = {"@id": project_id}
    data["creativeWorkStatus"] = WORK_STATUS.get(value.get("status"), "Published")
    if value.get("link"):
        data["url"] = value["link"]
    document = value.get("document")
    if document is not None:
        data["associatedMedia"] = {
            "@type": "MediaObject",
            "name": document.title,
            "contentUrl": request.build_absolute_uri(document.url) if request else document.url,
            "encodingFormat": document.file_extension,
        }
    if value.licence_url():
        data["license"] = value.licence_url()
    if value.get("date"):
        data["datePublished" if value.is_completed() else "dateCreated"] = value[
            "date"
        ].isoformat()
    return data


def project_graph(project, request, lead=None, partners=()):
    """The JSON-LD graph (a dict) describing `project`."""
    url = project.get_full_url(request) or ""
    project_id = f"{url}#project"
    node = {
        "@type": "Project",
        "@id": project_id,
        "name": project.title,
        "description": project.summary,
        "url": url,
    }
    if project.start_date:
        node["foundingDate"] = project.start_date.isoformat()
    if project.end_date:
        node["dissolutionDate"] = project.end_date.isoformat()
    if project.region:
        node["areaServed"] = (
            {"@type": "Country", "name": "Sweden"}
            if project.region == Region.NATIONAL
            else {"@type": "AdministrativeArea", "name": str(Region(project.region).label)}
        )
    themes = [tag.name for tag in project.themes]
    if themes:
        node["keywords"] = ", ".join(themes)
    same_as = [u for u in (project.website_url, project.source_code_url) if u]
    if same_as:
        node["sameAs"] = same_as
    if lead is not None:
        node["parentOrganization"] = _organisation(lead, request)
    members = [_organisation(entry["page"], request) for entry in partners]
    if members:
        node["member"] = members
    graph = [node]

    call = project.funding_call if project.funding_call_id else None
    if call is not None or project.reference_number or project.granted_amount is not None:
        grant = {"@type": "MonetaryGrant", "fundedItem": {"@id": project_id}}
        if call is not None:
            grant["name"] = f"{call.display_name} ({call.year})"
            grant["funder"] = {"@type": "Organization", "name": call.funder}
            if call.url:
                grant["url"] = call.url
            node["funder"] = grant["funder"]
        if project.reference_number:
            grant["identifier"] = project.reference_number
        if project.granted_amount is not None:
            grant["amount"] = {
                "@type": "MonetaryAmount",
                "currency": "SEK",
                "value": project.granted_amount,
            }
        graph.append(grant)

    graph.extend(_result(child, project_id, request) for child in project.results)
    return {"@context": "https://schema.org", "@graph": graph}


def project_json_ld(project, request, lead=None, partners=()):
    return dumps(project_graph(project, request, lead=lead, partners=partners))


__all__ = ["dumps", "project_graph", "project_json_ld"]
