// Factur-X / ZUGFeRD 2 (EN 16931 profile): the invoice's PDF as PDF/A-3 with its CII XML
// embedded as factur-x.xml, related to the PDF as its alternative, and announced in the XMP
// metadata with the extension schema PDF/A requires for the fx: properties.
const FX = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTUR_X_FILENAME = 'factur-x.xml';

const property = (name: string, description: string) => `
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${description}</pdfaProperty:description>
              </rdf:li>`;

const XMP = `
        <rdf:Description rdf:about="" xmlns:fx="${FX}">
          <fx:DocumentType>INVOICE</fx:DocumentType>
          <fx:DocumentFileName>${FACTUR_X_FILENAME}</fx:DocumentFileName>
          <fx:Version>1.0</fx:Version>
          <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${FX}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property('DocumentFileName', 'The name of the embedded XML document')}${property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE')}${property('Version', 'The version of the standard applying to the embedded XML document')}${property('ConformanceLevel', 'The conformance level of the embedded XML document')}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>`;

export function embedFacturX(pdf: PDFKit.PDFDocument, xml: string, at: Date): void {
  const doc = pdf as unknown as {
    file(src: Uint8Array, options: Record<string, unknown>): void;
    appendXML(xml: string): void;
  };
  doc.file(new Uint8Array(Buffer.from(xml, 'utf8')), {
    name: FACTUR_X_FILENAME, type: 'text/xml', relationship: 'Alternative', description: 'Factur-X invoice (EN 16931)', creationDate: at, modifiedDate: at,
  });
  doc.appendXML(XMP);
}
