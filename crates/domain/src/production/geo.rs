//! Where a delivery address is: the distribution ranks productions by the straight-line distance
//! to the delivery address, and Tessera has no geocoder (nor any network for one). Addresses in
//! Russia name their city, so [`locate`] finds the city in the address among the largest Russian
//! cities and regional centres it knows ([`CITIES`], centre coordinates), and the logistician
//! gives coordinates by hand for anywhere else.

use super::ranking::GeoPoint;

/// A city Tessera can place: its name and its centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct City {
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
}

const fn c(name: &'static str, lat: f64, lon: f64) -> City {
    City { name, lat, lon }
}

/// The cities [`locate`] knows: the cities of over a few hundred thousand people and the regional
/// centres, with the coordinates of their centres.
pub const CITIES: &[City] = &[
    c("Москва", 55.7558, 37.6173), c("Санкт-Петербург", 59.9386, 30.3141), c("Новосибирск", 55.0302, 82.9204),
    c("Екатеринбург", 56.8380, 60.5973), c("Казань", 55.7963, 49.1088), c("Нижний Новгород", 56.3269, 44.0059),
    c("Челябинск", 55.1600, 61.4026), c("Самара", 53.1959, 50.1002), c("Омск", 54.9893, 73.3682),
    c("Ростов-на-Дону", 47.2357, 39.7015), c("Уфа", 54.7388, 55.9721), c("Красноярск", 56.0153, 92.8932),
    c("Воронеж", 51.6720, 39.1843), c("Пермь", 58.0105, 56.2502), c("Волгоград", 48.7080, 44.5133),
    c("Краснодар", 45.0355, 38.9753), c("Саратов", 51.5336, 46.0343), c("Тюмень", 57.1530, 65.5343),
    c("Тольятти", 53.5078, 49.4204), c("Ижевск", 56.8527, 53.2114), c("Барнаул", 53.3474, 83.7784),
    c("Ульяновск", 54.3142, 48.4031), c("Иркутск", 52.2870, 104.3050), c("Хабаровск", 48.4802, 135.0719),
    c("Ярославль", 57.6261, 39.8845), c("Владивосток", 43.1155, 131.8855), c("Махачкала", 42.9849, 47.5047),
    c("Томск", 56.4846, 84.9476), c("Оренбург", 51.7682, 55.0969), c("Кемерово", 55.3547, 86.0873),
    c("Новокузнецк", 53.7557, 87.1099), c("Рязань", 54.6269, 39.6916), c("Астрахань", 46.3497, 48.0408),
    c("Набережные Челны", 55.7436, 52.3958), c("Пенза", 53.1959, 45.0183), c("Липецк", 52.6031, 39.5708),
    c("Киров", 58.6036, 49.6680), c("Чебоксары", 56.1439, 47.2489), c("Тула", 54.1931, 37.6173),
    c("Калининград", 54.7104, 20.4522), c("Курск", 51.7304, 36.1926), c("Ставрополь", 45.0428, 41.9734),
    c("Сочи", 43.5855, 39.7231), c("Улан-Удэ", 51.8335, 107.5841), c("Тверь", 56.8587, 35.9176),
    c("Магнитогорск", 53.4072, 58.9791), c("Иваново", 57.0004, 40.9739), c("Брянск", 53.2521, 34.3717),
    c("Белгород", 50.5997, 36.5983), c("Сургут", 61.2540, 73.3962), c("Владимир", 56.1290, 40.4066),
    c("Архангельск", 64.5393, 40.5170), c("Чита", 52.0340, 113.4994), c("Калуга", 54.5293, 36.2754),
    c("Смоленск", 54.7818, 32.0401), c("Волжский", 48.7858, 44.7797), c("Вологда", 59.2181, 39.8886),
    c("Мурманск", 68.9585, 33.0827), c("Якутск", 62.0355, 129.6755), c("Петрозаводск", 61.7849, 34.3469),
    c("Кострома", 57.7665, 40.9269), c("Новороссийск", 44.7239, 37.7688), c("Йошкар-Ола", 56.6344, 47.8999),
    c("Сыктывкар", 61.6688, 50.8364), c("Нижний Тагил", 57.9101, 59.9813), c("Орёл", 52.9703, 36.0635),
    c("Тамбов", 52.7212, 41.4523), c("Стерлитамак", 53.6300, 55.9300), c("Курган", 55.4410, 65.3411),
    c("Псков", 57.8194, 28.3318), c("Великий Новгород", 58.5213, 31.2710), c("Ханты-Мансийск", 61.0042, 69.0019),
    c("Абакан", 53.7156, 91.4292), c("Майкоп", 44.6098, 40.1006), c("Южно-Сахалинск", 46.9591, 142.7380),
    c("Благовещенск", 50.2907, 127.5272), c("Петропавловск-Камчатский", 53.0452, 158.6483), c("Магадан", 59.5682, 150.8085),
    c("Саранск", 54.1874, 45.1839), c("Черкесск", 44.2233, 42.0578), c("Нальчик", 43.4853, 43.6071),
    c("Владикавказ", 43.0205, 44.6819), c("Грозный", 43.3180, 45.6949), c("Элиста", 46.3078, 44.2558),
    c("Горно-Алтайск", 51.9581, 85.9603), c("Кызыл", 51.7191, 94.4378), c("Анапа", 44.8940, 37.3167),
    c("Армавир", 44.9892, 41.1234), c("Пятигорск", 44.0486, 43.0594), c("Таганрог", 47.2362, 38.8969),
    c("Шахты", 47.7091, 40.2144), c("Череповец", 59.1269, 37.9090), c("Подольск", 55.4312, 37.5446),
    c("Химки", 55.8970, 37.4297), c("Балашиха", 55.7963, 37.9382), c("Мытищи", 55.9105, 37.7363),
    c("Королёв", 55.9142, 37.8256), c("Люберцы", 55.6783, 37.8937), c("Одинцово", 55.6780, 37.2773),
    c("Новый Уренгой", 66.0833, 76.6333), c("Нижневартовск", 60.9344, 76.5531), c("Салехард", 66.5299, 66.6019),
];

/// Lower case, «ё» as «е», every run of anything but letters and digits as one space, with a
/// space at each end: whole words can then be found as `" word "`.
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    for ch in s.chars().flat_map(char::to_lowercase) {
        let ch = if ch == 'ё' { 'е' } else { ch };
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The city an address names, as whole words («г. Казань, ул. Баумана» → Казань; «Нижний
/// Новгород» before any shorter name inside it), and its centre; `None` when it names none
/// Tessera knows. «Санкт-Петербург» is also found as «СПб».
pub fn locate(address: &str) -> Option<(&'static City, GeoPoint)> {
    let text = words(address);
    let spb = text.contains(" спб ").then(|| &CITIES[1]);
    CITIES
        .iter()
        .filter(|c| text.contains(&words(c.name)))
        .max_by_key(|c| c.name.chars().count())
        .or(spb)
        .map(|c| (c, GeoPoint { lat: c.lat, lon: c.lon }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::production::ranking::haversine_km;

    fn city(address: &str) -> Option<&'static str> {
        locate(address).map(|(c, _)| c.name)
    }

    #[test]
    fn the_city_is_found_in_an_address_as_people_write_it() {
        assert_eq!(city("г. Казань, ул. Баумана, д. 1"), Some("Казань"));
        assert_eq!(city("420111, Республика Татарстан, г Казань"), Some("Казань"));
        assert_eq!(city("ростов-на-дону, пр. Будённовский 5"), Some("Ростов-на-Дону"));
        assert_eq!(city("Орел, ул. Ленина"), Some("Орёл"));
        assert_eq!(city("СПб, Невский проспект, 1"), Some("Санкт-Петербург"));
    }

    #[test]
    fn the_longest_name_wins_and_only_whole_words_count() {
        assert_eq!(city("г. Нижний Новгород, ул. Большая Покровская"), Some("Нижний Новгород"));
        // «Омск» is inside «Томск», but not as a word.
        assert_eq!(city("Томск, пр. Ленина"), Some("Томск"));
        assert_eq!(city("ул. Кировская, 5"), None);
        assert_eq!(city("Деревня Простоквашино"), None);
    }

    #[test]
    fn the_known_cities_are_where_they_should_be() {
        let (_, moscow) = locate("Москва").expect("Moscow");
        let (_, spb) = locate("Санкт-Петербург").expect("St Petersburg");
        let (_, vladivostok) = locate("Владивосток").expect("Vladivostok");
        // Straight-line Moscow–St Petersburg is about 634 km, Moscow–Vladivostok about 6,430 km.
        assert!((haversine_km(moscow, spb) - 634.0).abs() < 10.0);
        assert!((haversine_km(moscow, vladivostok) - 6430.0).abs() < 60.0);
        for c in CITIES {
            assert!(GeoPoint::parse(c.lat, c.lon).is_ok(), "{}", c.name);
            assert!((41.0..70.0).contains(&c.lat) && (19.0..180.0).contains(&c.lon), "{} is in Russia", c.name);
        }
    }
}
