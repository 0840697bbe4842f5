//! The names of the States that make UPR recommendations: the 193 UN member
//! States and the two observer States (Holy See, State of Palestine), as UN
//! documents write them in English, French and Spanish, with the other forms
//! people often type (former names, ISO-style inversions such as "Korea,
//! Republic of", short forms such as "Iran"). It tells a State's name from
//! any other word found between parentheses ("(Domestic Workers Convention)").

use std::collections::HashSet;
use std::sync::LazyLock;

use super::states::first_group;

/// Every known form of every State's name, one State a line: the English UN
/// short name first, then other English forms, then the French and Spanish
/// UN names and their common short forms. A form the same in two languages
/// is written once; other forms that differ from a listed one only by
/// accents, case, apostrophes or hyphens are left out, as the comparison
/// ignores those.
#[rustfmt::skip]
const NAMES: &[&str] = &[
    "Afghanistan", "Afganistán",
    "Albania", "Albanie",
    "Algeria", "Algérie", "Argelia",
    "Andorra", "Andorre",
    "Angola",
    "Antigua and Barbuda", "Antigua-et-Barbuda", "Antigua y Barbuda",
    "Argentina", "Argentine",
    "Armenia", "Arménie",
    "Australia", "Australie",
    "Austria", "Autriche",
    "Azerbaijan", "Azerbaïdjan", "Azerbaiyán",
    "Bahamas", "The Bahamas",
    "Bahrain", "Bahreïn", "Bahrein", "Baréin",
    "Bangladesh",
    "Barbados", "Barbade",
    "Belarus", "Bélarus", "Belarús", "Biélorussie", "Bielorrusia",
    "Belgium", "Belgique", "Bélgica",
    "Belize", "Belice",
    "Benin", "Bénin",
    "Bhutan", "Bhoutan", "Bhután",
    "Bolivia (Plurinational State of)", "Bolivia", "Bolivia, Plurinational State of",
    "Plurinational State of Bolivia", "Bolivie (État plurinational de)", "Bolivie", "Bolivie, État plurinational de",
    "Bolivia (Estado Plurinacional de)", "Bolivia, Estado Plurinacional de", "Estado Plurinacional de Bolivia",
    "Bosnia and Herzegovina", "Bosnia", "Bosnie-Herzégovine", "Bosnia y Herzegovina",
    "Botswana",
    "Brazil", "Brésil", "Brasil",
    "Brunei Darussalam", "Brunei", "Brunéi Darussalam",
    "Bulgaria", "Bulgarie",
    "Burkina Faso",
    "Burundi",
    "Cabo Verde", "Cape Verde", "Cap-Vert",
    "Cambodia", "Cambodge", "Camboya",
    "Cameroon", "Cameroun", "Camerún",
    "Canada", "Canadá",
    "Central African Republic", "République centrafricaine", "República Centroafricana",
    "Chad", "Tchad",
    "Chile", "Chili",
    "China", "People's Republic of China", "Chine",
    "Colombia", "Colombie",
    "Comoros", "Comores", "Comoras",
    "Congo", "Republic of the Congo", "Congo, Republic of the", "Congo-Brazzaville", "République du Congo",
    "República del Congo",
    "Costa Rica",
    "Côte d'Ivoire", "Ivory Coast",
    "Croatia", "Croatie", "Croacia",
    "Cuba",
    "Cyprus", "Chypre", "Chipre",
    "Czechia", "Czech Republic", "Tchéquie", "République tchèque", "Chequia", "República Checa",
    "Democratic People's Republic of Korea", "North Korea", "Korea, Democratic People's Republic of", "DPRK",
    "République populaire démocratique de Corée", "Corée du Nord", "República Popular Democrática de Corea",
    "Corea del Norte",
    "Democratic Republic of the Congo", "Congo, Democratic Republic of the",
    "Congo, The Democratic Republic of the", "DR Congo", "DRC", "Congo-Kinshasa", "Zaire",
    "République démocratique du Congo", "Congo, République démocratique du", "RDC",
    "República Democrática del Congo", "Congo, República Democrática del",
    "Denmark", "Danemark", "Dinamarca",
    "Djibouti", "Yibuti",
    "Dominica", "Dominique",
    "Dominican Republic", "République dominicaine", "República Dominicana",
    "Ecuador", "Équateur",
    "Egypt", "Égypte", "Egipto",
    "El Salvador",
    "Equatorial Guinea", "Guinée équatoriale", "Guinea Ecuatorial",
    "Eritrea", "Érythrée",
    "Estonia", "Estonie",
    "Eswatini", "Kingdom of Eswatini", "Swaziland", "Swazilandia",
    "Ethiopia", "Éthiopie", "Etiopía",
    "Fiji", "Fidji", "Fiyi",
    "Finland", "Finlande", "Finlandia",
    "France", "Francia",
    "Gabon", "Gabón",
    "Gambia", "The Gambia", "Gambie",
    "Georgia", "Géorgie",
    "Germany", "Allemagne", "Alemania",
    "Ghana",
    "Greece", "Grèce", "Grecia",
    "Grenada", "Grenade", "Granada",
    "Guatemala",
    "Guinea", "Guinée",
    "Guinea-Bissau", "Guinée-Bissau",
    "Guyana",
    "Haiti", "Haïti", "Haití",
    "Honduras",
    "Hungary", "Hongrie", "Hungría",
    "Iceland", "Islande", "Islandia",
    "India", "Inde",
    "Indonesia", "Indonésie",
    "Iran (Islamic Republic of)", "Iran", "Iran, Islamic Republic of", "Islamic Republic of Iran",
    "Iran (République islamique d')", "Iran, République islamique d'", "République islamique d'Iran",
    "Irán (República Islámica del)", "Irán, República Islámica del", "República Islámica del Irán",
    "Iraq", "Irak",
    "Ireland", "Irlande", "Irlanda",
    "Israel", "Israël",
    "Italy", "Italie", "Italia",
    "Jamaica", "Jamaïque",
    "Japan", "Japon", "Japón",
    "Jordan", "Jordanie", "Jordania",
    "Kazakhstan", "Kazajstán", "Kazajistán",
    "Kenya", "Kenia",
    "Kiribati",
    "Kuwait", "Koweït",
    "Kyrgyzstan", "Kyrgyz Republic", "Kirghizistan", "Kirghizstan", "Kirguistán",
    "Lao People's Democratic Republic", "Laos", "Lao PDR", "République démocratique populaire lao",
    "República Democrática Popular Lao",
    "Latvia", "Lettonie", "Letonia",
    "Lebanon", "Liban", "Líbano",
    "Lesotho",
    "Liberia", "Libéria",
    "Libya", "Libyan Arab Jamahiriya", "Libye", "Jamahiriya arabe libyenne", "Libia", "Jamahiriya Árabe Libia",
    "Liechtenstein",
    "Lithuania", "Lituanie", "Lituania",
    "Luxembourg", "Luxemburgo",
    "Madagascar",
    "Malawi", "Malaui",
    "Malaysia", "Malaisie", "Malasia",
    "Maldives", "Maldivas",
    "Mali", "Malí",
    "Malta", "Malte",
    "Marshall Islands", "Îles Marshall", "Islas Marshall",
    "Mauritania", "Mauritanie",
    "Mauritius", "Maurice", "Mauricio",
    "Mexico", "Mexique", "México",
    "Micronesia (Federated States of)", "Micronesia", "Micronesia, Federated States of",
    "Federated States of Micronesia", "Micronésie (États fédérés de)", "Micronésie", "Micronésie, États fédérés de",
    "Micronesia (Estados Federados de)", "Micronesia, Estados Federados de", "Estados Federados de Micronesia",
    "Monaco", "Mónaco",
    "Mongolia", "Mongolie",
    "Montenegro", "Monténégro",
    "Morocco", "Maroc", "Marruecos",
    "Mozambique",
    "Myanmar", "Burma", "Birmanie", "Birmania",
    "Namibia", "Namibie",
    "Nauru",
    "Nepal", "Népal",
    "Netherlands (Kingdom of the)", "Netherlands", "Kingdom of the Netherlands", "Netherlands, Kingdom of the",
    "Holland", "Pays-Bas (Royaume des)", "Pays-Bas", "Royaume des Pays-Bas", "Países Bajos (Reino de los)",
    "Países Bajos", "Reino de los Países Bajos",
    "New Zealand", "Nouvelle-Zélande", "Nueva Zelandia", "Nueva Zelanda",
    "Nicaragua",
    "Niger", "Níger",
    "Nigeria", "Nigéria",
    "North Macedonia", "Republic of North Macedonia", "Macedonia", "The former Yugoslav Republic of Macedonia",
    "Macedonia, the former Yugoslav Republic of", "Macédoine du Nord", "Macédoine",
    "ex-République yougoslave de Macédoine", "Macedonia del Norte", "ex República Yugoslava de Macedonia",
    "Norway", "Norvège", "Noruega",
    "Oman", "Omán",
    "Pakistan", "Pakistán",
    "Palau", "Palaos",
    "Panama", "Panamá",
    "Papua New Guinea", "Papouasie-Nouvelle-Guinée", "Papua Nueva Guinea",
    "Paraguay",
    "Peru", "Pérou", "Perú",
    "Philippines", "Filipinas",
    "Poland", "Pologne", "Polonia",
    "Portugal",
    "Qatar", "Catar",
    "Republic of Korea", "South Korea", "Korea, Republic of", "Korea", "République de Corée", "Corée, République de",
    "Corée du Sud", "República de Corea", "Corea, República de", "Corea del Sur",
    "Republic of Moldova", "Moldova", "Moldova, Republic of", "République de Moldova", "Moldova, République de",
    "Moldavie", "República de Moldova", "Moldova, República de", "Moldavia",
    "Romania", "Roumanie", "Rumania",
    "Russian Federation", "Russia", "Fédération de Russie", "Russie", "Federación de Rusia", "Rusia",
    "Rwanda", "Ruanda",
    "Saint Kitts and Nevis", "St Kitts and Nevis", "Saint-Kitts-et-Nevis", "Saint Kitts y Nevis",
    "San Cristóbal y Nieves",
    "Saint Lucia", "St Lucia", "Sainte-Lucie", "Santa Lucía",
    "Saint Vincent and the Grenadines", "St Vincent and the Grenadines", "Saint-Vincent-et-les Grenadines",
    "San Vicente y las Granadinas",
    "Samoa",
    "San Marino", "Saint-Marin",
    "Sao Tome and Principe", "Sao Tomé-et-Principe", "Santo Tomé y Príncipe",
    "Saudi Arabia", "Arabie saoudite", "Arabia Saudita", "Arabia Saudí",
    "Senegal", "Sénégal",
    "Serbia", "Serbie",
    "Seychelles",
    "Sierra Leone", "Sierra Leona",
    "Singapore", "Singapour", "Singapur",
    "Slovakia", "Slovak Republic", "Slovaquie", "Eslovaquia",
    "Slovenia", "Slovénie", "Eslovenia",
    "Solomon Islands", "Îles Salomon", "Islas Salomón",
    "Somalia", "Somalie",
    "South Africa", "Afrique du Sud", "Sudáfrica",
    "South Sudan", "Soudan du Sud", "Sudán del Sur",
    "Spain", "Espagne", "España",
    "Sri Lanka",
    "Sudan", "Soudan", "Sudán",
    "Suriname", "Surinam",
    "Sweden", "Suède", "Suecia",
    "Switzerland", "Suisse", "Suiza",
    "Syrian Arab Republic", "Syria", "République arabe syrienne", "Syrie", "República Árabe Siria", "Siria",
    "Tajikistan", "Tadjikistan", "Tayikistán",
    "Thailand", "Thaïlande", "Tailandia",
    "Timor-Leste", "East Timor", "Timor oriental",
    "Togo",
    "Tonga",
    "Trinidad and Tobago", "Trinité-et-Tobago", "Trinidad y Tabago", "Trinidad y Tobago",
    "Tunisia", "Tunisie", "Túnez",
    "Türkiye", "Turkey", "Turquie", "Turquía",
    "Turkmenistan", "Turkménistan", "Turkmenistán",
    "Tuvalu",
    "Uganda", "Ouganda",
    "Ukraine", "Ucrania",
    "United Arab Emirates", "UAE", "Émirats arabes unis", "Emiratos Árabes Unidos",
    "United Kingdom of Great Britain and Northern Ireland", "United Kingdom", "UK", "Great Britain", "Britain",
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "Royaume-Uni",
    "Reino Unido de Gran Bretaña e Irlanda del Norte", "Reino Unido",
    "United Republic of Tanzania", "Tanzania", "Tanzania, United Republic of", "République-Unie de Tanzanie",
    "Tanzanie", "Tanzanie, République-Unie de", "República Unida de Tanzanía", "Tanzanía, República Unida de",
    "United States of America", "United States", "USA", "US", "États-Unis d'Amérique", "États-Unis",
    "Estados Unidos de América", "Estados Unidos",
    "Uruguay",
    "Uzbekistan", "Ouzbékistan", "Uzbekistán",
    "Vanuatu",
    "Venezuela (Bolivarian Republic of)", "Venezuela", "Venezuela, Bolivarian Republic of",
    "Bolivarian Republic of Venezuela", "Venezuela (République bolivarienne du)",
    "Venezuela, République bolivarienne du", "Venezuela (República Bolivariana de)",
    "Venezuela, República Bolivariana de", "República Bolivariana de Venezuela",
    "Viet Nam", "Vietnam",
    "Yemen", "Yémen",
    "Zambia", "Zambie",
    "Zimbabwe", "Zimbabue",
    // The two observer States.
    "Holy See", "Holy See (Vatican City State)", "Vatican", "Vatican City", "Vatican City State", "Saint-Siège",
    "Santa Sede", "Vaticano",
    "State of Palestine", "Palestine", "Palestine, State of", "État de Palestine", "Palestine, État de",
    "Estado de Palestina", "Palestina", "Palestina, Estado de",
];

/// The names of `NAMES` in the form [`normalise`] gives them.
static NORMALISED: LazyLock<HashSet<String>> = LazyLock::new(|| NAMES.iter().copied().map(normalise).collect());

/// Whether `name` is a State's name in one of the known forms, ignoring
/// case, accents, the kind of apostrophe, hyphens against spaces, repeated
/// spaces, full stops, a leading "the", and spaces, punctuation or a pair
/// of parentheses around it ("(Côte d’Ivoire);" is known).
pub fn is_state(name: &str) -> bool {
    let key = normalise(name);
    !key.is_empty() && NORMALISED.contains(&key)
}

/// The form in which names are compared: lowercase, no accents, one kind of
/// apostrophe, spaces for hyphens, no full stops, single spaces, and no
/// leading "the" nor wrapping spaces, punctuation or parentheses.
fn normalise(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            // Combining accents (a name typed in decomposed form) and full
            // stops ("St. Lucia", "U.S.A.") are left out.
            '\u{0300}'..='\u{036f}' | '.' => {}
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{00b4}' => folded.push('\''),
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => folded.push(' '),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'ß' => folded.push_str("ss"),
            c => folded.push(without_accent(c)),
        }
    }
    let spaced = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let bare = strip_wrapping(&spaced);
    bare.strip_prefix("the ").map_or(bare, strip_wrapping).to_string()
}

/// `text` without the spaces and punctuation around it, nor the
/// parentheses that wrap it whole or are left open on one side.
fn strip_wrapping(text: &str) -> &str {
    let edge =
        |c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '(' && c != ')') || "«»“”„‚‹›¡¿".contains(c);
    let mut rest = text.trim_matches(edge);
    loop {
        let opened = rest.matches('(').count();
        let closed = rest.matches(')').count();
        let opens = rest.starts_with('(');
        let next = if opens && (opened > closed || first_group(rest).is_some_and(|(_, after)| after.is_empty())) {
            &rest[1..]
        } else if rest.ends_with(')') && closed > opened {
            &rest[..rest.len() - 1]
        } else {
            return rest;
        };
        rest = next.trim_matches(edge);
    }
}

/// A lowercase Latin letter without its accent ("é" → "e"); any other
/// character as it is.
fn without_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English UN short names of the 193 member States and the two
    /// observer States, as OHCHR writes them, separated by `;`.
    const OFFICIAL: &str = "\
        Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia; Australia; Austria;
        Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan;
        Bolivia (Plurinational State of); Bosnia and Herzegovina; Botswana; Brazil; Brunei Darussalam; Bulgaria;
        Burkina Faso; Burundi; Cabo Verde; Cambodia; Cameroon; Canada; Central African Republic; Chad; Chile; China;
        Colombia; Comoros; Congo; Costa Rica; Côte d'Ivoire; Croatia; Cuba; Cyprus; Czechia;
        Democratic People's Republic of Korea; Democratic Republic of the Congo; Denmark; Djibouti; Dominica;
        Dominican Republic; Ecuador; Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia;
        Fiji; Finland; France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea;
        Guinea-Bissau; Guyana; Haiti; Honduras; Hungary; Iceland; India; Indonesia; Iran (Islamic Republic of);
        Iraq; Ireland; Israel; Italy; Jamaica; Japan; Jordan; Kazakhstan; Kenya; Kiribati; Kuwait; Kyrgyzstan;
        Lao People's Democratic Republic; Latvia; Lebanon; Lesotho; Liberia; Libya; Liechtenstein; Lithuania;
        Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta; Marshall Islands; Mauritania; Mauritius;
        Mexico; Micronesia (Federated States of); Monaco; Mongolia; Montenegro; Morocco; Mozambique; Myanmar;
        Namibia; Nauru; Nepal; Netherlands (Kingdom of the); New Zealand; Nicaragua; Niger; Nigeria;
        North Macedonia; Norway; Oman; Pakistan; Palau; Panama; Papua New Guinea; Paraguay; Peru; Philippines;
        Poland; Portugal; Qatar; Republic of Korea; Republic of Moldova; Romania; Russian Federation; Rwanda;
        Saint Kitts and Nevis; Saint Lucia; Saint Vincent and the Grenadines; Samoa; San Marino;
        Sao Tome and Principe; Saudi Arabia; Senegal; Serbia; Seychelles; Sierra Leone; Singapore; Slovakia;
        Slovenia; Solomon Islands; Somalia; South Africa; South Sudan; Spain; Sri Lanka; Sudan; Suriname; Sweden;
        Switzerland; Syrian Arab Republic; Tajikistan; Thailand; Timor-Leste; Togo; Tonga; Trinidad and Tobago;
        Tunisia; Türkiye; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates;
        United Kingdom of Great Britain and Northern Ireland; United Republic of Tanzania;
        United States of America; Uruguay; Uzbekistan; Vanuatu; Venezuela (Bolivarian Republic of); Viet Nam;
        Yemen; Zambia; Zimbabwe; Holy See; State of Palestine";

    fn official() -> Vec<&'static str> {
        OFFICIAL.split(';').map(str::trim).collect()
    }

    #[test]
    fn every_state_has_its_english_un_name() {
        let official = official();
        assert_eq!(official.len(), 195);
        assert_eq!(official.iter().collect::<HashSet<_>>().len(), 195, "a State is listed twice");
        for name in official {
            assert!(NAMES.contains(&name), "{name} is not in NAMES as written");
        }
    }

    #[test]
    fn no_name_is_listed_twice() {
        let mut seen = HashSet::new();
        for name in NAMES {
            assert!(seen.insert(name), "{name} is listed twice");
            assert!(!normalise(name).is_empty(), "{name} normalises to nothing");
        }
    }

    #[test]
    fn french_and_spanish_un_names_are_known() {
        for name in [
            "France",
            "Allemagne",
            "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
            "États-Unis d'Amérique",
            "Iran (République islamique d')",
            "République de Corée",
            "Pays-Bas (Royaume des)",
            "Saint-Siège",
            "État de Palestine",
            "Maroc",
            "Reino Unido de Gran Bretaña e Irlanda del Norte",
            "Estados Unidos de América",
            "Irán (República Islámica del)",
            "República de Corea",
            "Países Bajos (Reino de los)",
            "Santa Sede",
            "Estado de Palestina",
            "Marruecos",
        ] {
            assert!(is_state(name), "{name}");
        }
    }

    #[test]
    fn names_are_compared_loosely() {
        for name in [
            "Philippines",
            "philippines",
            "Cote d'Ivoire",
            "Côte d’Ivoire",
            "Korea, Republic of",
            "Iran (Islamic Republic of)",
            "Lituanie",
            "Alemania",
            "the Netherlands",
            "Timor Leste",
            "  Guinea  Bissau ",
            "TÜRKIYE",
            "U.S.A.",
            "St. Lucia",
            "(Iran (Islamic Republic of));",
            "Sao Tomé and Príncipe",
            "Cote d\u{2019}Ivoire",
            "Co\u{0302}te d'Ivoire",
            "Éthiopie)",
            "(Émirats arabes unis)",
        ] {
            assert!(is_state(name), "{name}");
        }
    }

    #[test]
    fn other_words_are_not_states() {
        for name in [
            "Domestic Workers Convention",
            "Beijing Platform for Action",
            "Defensoría del Pueblo",
            "Optional Protocol to the Convention against Torture",
            "CEDAW",
            "Republic of",
            "Democratic Republic of the",
            "Germany and Spain",
            "",
            "the",
            "()",
        ] {
            assert!(!is_state(name), "{name}");
        }
    }
}
